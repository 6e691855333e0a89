package io.gitlabopsbot.alerts;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Serves one certificate for every URL without any network, and records what was asked. */
final class SnsFakeCertificateSource implements SnsCertificateSource {

  private final List<URI> requested = new CopyOnWriteArrayList<>();
  private volatile X509Certificate certificate;

  SnsFakeCertificateSource(X509Certificate certificate) {
    this.certificate = certificate;
  }

  /** Replaces the served certificate; null makes every fetch fail, as when SNS is unreachable. */
  void serve(X509Certificate certificate) {
    this.certificate = certificate;
  }

  List<URI> requested() {
    return List.copyOf(requested);
  }

  @Override
  public X509Certificate certificate(URI url) {
    requested.add(url);
    X509Certificate current = certificate;
    if (current == null) {
      throw new CertificateUnavailableException("test: certificate " + url + " unreachable", null);
    }
    return current;
  }
}
