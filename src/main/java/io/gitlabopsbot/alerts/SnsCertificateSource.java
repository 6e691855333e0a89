package io.gitlabopsbot.alerts;

import java.net.URI;
import java.security.cert.X509Certificate;

/** Supplies the X.509 certificate SNS signed a message with, by its {@code SigningCertURL}. */
@FunctionalInterface
public interface SnsCertificateSource {

  /**
   * The certificate at {@code url}; the caller has already checked that the URL is allowed.
   *
   * @throws CertificateUnavailableException when it cannot be fetched or parsed now
   */
  X509Certificate certificate(URI url);

  /** The certificate could not be obtained; the message cannot be verified now (SNS retries). */
  final class CertificateUnavailableException extends RuntimeException {
    public CertificateUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
