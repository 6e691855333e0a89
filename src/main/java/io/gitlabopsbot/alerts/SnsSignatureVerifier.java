package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.SnsCertificateSource.CertificateUnavailableException;
import io.gitlabopsbot.alerts.SnsVerification.Reason;
import io.gitlabopsbot.alerts.SnsVerification.Rejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;

/**
 * Checks that an SNS message was signed by Amazon SNS (signature versions 1 = SHA1withRSA and 2 =
 * SHA256withRSA) and is fresh. Written by hand: the AWS SDK 2.x pinned here has no SNS message
 * validator, and the check is short.
 *
 * <p>Cheap checks run first (age, certificate URL), so a forged or stale message never causes a
 * download, and no certificate is ever fetched from a URL the {@link SnsUrlPolicy} refuses.
 */
public final class SnsSignatureVerifier {

  /** Oldest accepted message; SNS stops retrying an HTTP/S delivery within the hour. */
  public static final Duration MAX_AGE = Duration.ofHours(1);

  /** Tolerated clock difference for timestamps in the future. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final SnsCertificateSource certificates;
  private final SnsUrlPolicy urls;
  private final Clock clock;

  public SnsSignatureVerifier(SnsCertificateSource certificates, SnsUrlPolicy urls, Clock clock) {
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.urls = Objects.requireNonNull(urls, "urls");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Verifies {@code message}; never throws for a bad message, only reports why it is bad. */
  public SnsVerification verify(SnsMessage message) {
    Instant now = clock.instant();
    Instant sent;
    try {
      sent =
          OffsetDateTime.parse(message.timestamp(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant();
    } catch (DateTimeParseException e) {
      return new Rejected(Reason.MALFORMED_TIMESTAMP, "Timestamp is not ISO-8601");
    }
    if (sent.isBefore(now.minus(MAX_AGE))) {
      return new Rejected(Reason.STALE, "sent at " + sent + ", older than " + MAX_AGE);
    }
    if (sent.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      return new Rejected(Reason.FUTURE, "sent at " + sent + ", ahead of our clock (" + now + ")");
    }
    URI certUrl = allowedCertificateUrl(message.signingCertUrl());
    if (certUrl == null) {
      return new Rejected(
          Reason.CERTIFICATE_URL_NOT_ALLOWED,
          "SigningCertURL is not an https .pem URL on an Amazon SNS host");
    }
    String algorithm = algorithm(message.signatureVersion());
    if (algorithm == null) {
      return new Rejected(
          Reason.UNSUPPORTED_SIGNATURE_VERSION, "SignatureVersion is neither 1 nor 2");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(message.signature());
    } catch (IllegalArgumentException e) {
      return new Rejected(Reason.MALFORMED_SIGNATURE, "Signature is not base64");
    }
    X509Certificate certificate;
    try {
      certificate = certificates.certificate(certUrl);
    } catch (CertificateUnavailableException e) {
      return new Rejected(Reason.CERTIFICATE_UNAVAILABLE, e.getMessage());
    }
    try {
      certificate.checkValidity(Date.from(now));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return new Rejected(
          Reason.CERTIFICATE_EXPIRED, "certificate " + certUrl + " is not valid now");
    }
    if (!signatureMatches(algorithm, certificate, SnsStringToSign.of(message), signature)) {
      return new Rejected(Reason.BAD_SIGNATURE, "signature does not match certificate " + certUrl);
    }
    return new SnsVerification.Valid(
        "sns:" + message.messageId(), sent.plus(MAX_AGE).plus(MAX_CLOCK_SKEW));
  }

  private URI allowedCertificateUrl(String raw) {
    try {
      URI url = new URI(raw);
      String path = url.getPath();
      return urls.allows(url) && path != null && path.endsWith(".pem") ? url : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String algorithm(String signatureVersion) {
    return switch (signatureVersion) {
      case "1" -> "SHA1withRSA";
      case "2" -> "SHA256withRSA";
      default -> null;
    };
  }

  private static boolean signatureMatches(
      String algorithm, X509Certificate certificate, String text, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(text.getBytes(StandardCharsets.UTF_8));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A key of the wrong type or a signature of the wrong length: simply not a valid signature.
      return false;
    }
  }
}
