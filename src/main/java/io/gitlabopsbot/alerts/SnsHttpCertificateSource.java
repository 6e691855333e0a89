package io.gitlabopsbot.alerts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fetches SNS signing certificates over HTTP(S) and keeps the most recently used ones, so a burst
 * of alarms costs one download. SNS rotates certificates by publishing them under new URLs, so an
 * entry never needs refreshing; the cache is bounded so that many distinct URLs cannot grow it.
 */
public final class SnsHttpCertificateSource implements SnsCertificateSource {

  /** Larger than any real certificate (about 2 KiB), small enough to bound memory per fetch. */
  static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

  private final HttpClient client;
  private final Duration timeout;
  private final Map<URI, X509Certificate> cache;

  /**
   * @param timeout bound on each whole request, after the client's connect timeout
   * @param maxCached how many certificates to keep
   */
  public SnsHttpCertificateSource(HttpClient client, Duration timeout, int maxCached) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (maxCached < 1) {
      throw new IllegalArgumentException("maxCached must be at least 1, was " + maxCached);
    }
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest) {
            return size() > maxCached;
          }
        };
  }

  @Override
  public X509Certificate certificate(URI url) {
    synchronized (cache) {
      X509Certificate cached = cache.get(url);
      if (cached != null) {
        return cached;
      }
    }
    // Fetched outside the lock: a slow download must not hold up messages with a cached cert.
    X509Certificate fetched = parse(url, download(url));
    synchronized (cache) {
      cache.put(url, fetched);
    }
    return fetched;
  }

  private byte[] download(URI url) {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw unavailable(url, "answered HTTP " + response.statusCode(), null);
        }
        byte[] bytes = body.readNBytes(MAX_CERTIFICATE_BYTES + 1);
        if (bytes.length > MAX_CERTIFICATE_BYTES) {
          throw unavailable(url, "sent more than " + MAX_CERTIFICATE_BYTES + " bytes", null);
        }
        return bytes;
      }
    } catch (IOException e) {
      throw unavailable(url, "could not be reached (" + e + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(url, "download was interrupted", e);
    }
  }

  private static X509Certificate parse(URI url, byte[] pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem));
    } catch (CertificateException | ClassCastException e) {
      throw unavailable(url, "did not hold an X.509 certificate", e);
    }
  }

  private static CertificateUnavailableException unavailable(
      URI url, String what, Throwable cause) {
    return new CertificateUnavailableException(
        "SNS signing certificate "
            + url
            + " "
            + what
            + "; check egress to Amazon SNS (proxy, NetworkPolicy) and retry",
        cause);
  }
}
