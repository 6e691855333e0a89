package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.SnsTestSigner.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.alerts.SnsVerification.Reason;
import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsSignatureVerifierTest {

  private static final SnsTestSigner SNS = new SnsTestSigner();
  // The fixture was sent at 16:05:00.170Z; the bot receives it a few seconds later.
  private static final Instant NOW = Instant.parse("2026-11-25T16:05:03Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final SnsFakeCertificateSource certificates =
      new SnsFakeCertificateSource(SNS.certificate());
  private final SnsSignatureVerifier verifier =
      new SnsSignatureVerifier(certificates, SnsUrlPolicy.awsOnly(), clock);

  @Test
  void verify_whenSignatureVersion2IsValid_isAccepted() {
    SnsMessage message = SNS.sign(SnsTestSigner.fixture());

    assertThat(verifier.verify(message))
        .isEqualTo(
            new SnsVerification.Valid(
                "sns:8c1f7a52-2c1e-5d4b-9a57-3e0f2b6c1d90",
                Instant.parse("2026-11-25T17:10:00.170Z")));
    assertThat(certificates.requested())
        .extracting(Object::toString)
        .containsExactly(
            "https://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem");
  }

  @Test
  void verify_whenSignatureVersion1IsValid_isAccepted() {
    SnsMessage message = SNS.sign(with(SnsTestSigner.fixture(), "SignatureVersion", "1"));

    assertThat(verifier.verify(message)).isInstanceOf(SnsVerification.Valid.class);
  }

  @Test
  void verify_whenSignedWithSha1ButLabelledVersion2_isRejected() {
    SnsMessage v1 = SNS.sign(with(SnsTestSigner.fixture(), "SignatureVersion", "1"));

    assertRejected(with(v1, "SignatureVersion", "2"), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_whenMessageTamperedAfterSigning_isRejected() {
    SnsMessage signed = SNS.sign(SnsTestSigner.fixture());

    assertRejected(
        with(signed, "Message", signed.message().replace("\"ALARM\"", "\"OK\"")),
        Reason.BAD_SIGNATURE);
    assertRejected(with(signed, "Subject", "OK: all fine"), Reason.BAD_SIGNATURE);
    assertRejected(with(signed, "Subject", null), Reason.BAD_SIGNATURE);
    assertRejected(with(signed, "TopicArn", "arn:aws:sns:us-east-1:1:other"), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_whenNotificationHasNoSubject_signsWithoutIt() {
    SnsMessage message = SNS.sign(with(SnsTestSigner.fixture(), "Subject", null));

    assertThat(verifier.verify(message)).isInstanceOf(SnsVerification.Valid.class);
  }

  @Test
  void verify_whenSignedWithAnotherKey_isRejected() {
    SnsMessage forged = new SnsTestSigner().sign(SnsTestSigner.fixture());

    assertRejected(forged, Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_whenSignatureIsNotBase64_isRejected() {
    assertRejected(
        with(SnsTestSigner.fixture(), "Signature", "PLACEHOLDER-SIGN-IN-TEST"),
        Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_whenSignatureVersionUnknown_isRejected() {
    assertRejected(
        SNS.sign(with(SnsTestSigner.fixture(), "SignatureVersion", "3")),
        Reason.UNSUPPORTED_SIGNATURE_VERSION);
  }

  @Test
  void verify_whenOlderThanOneHour_isRejectedWithoutFetchingTheCertificate() {
    SnsMessage message = SNS.sign(SnsTestSigner.fixture());
    clock.advance(Duration.ofHours(1)); // now 17:05:03, sent 16:05:00.170

    assertRejected(message, Reason.STALE);
    assertThat(certificates.requested()).isEmpty();
  }

  @Test
  void verify_justUnderOneHourOld_isAccepted() {
    SnsMessage message = SNS.sign(SnsTestSigner.fixture());
    clock.advance(Duration.ofHours(1).minusSeconds(3)); // sent 59m59.83s ago

    assertThat(verifier.verify(message)).isInstanceOf(SnsVerification.Valid.class);
  }

  @Test
  void verify_whenMoreThanFiveMinutesInTheFuture_isRejected() {
    SnsMessage message =
        SNS.sign(with(SnsTestSigner.fixture(), "Timestamp", "2026-11-25T16:10:04.000Z"));

    assertRejected(message, Reason.FUTURE);
  }

  @Test
  void verify_whenTimestampHasZeroMillis_signsTheTextAsSent() {
    // Instant.toString() would print 16:00:00Z; the signature covers ".000Z" as sent.
    SnsMessage message =
        SNS.sign(with(SnsTestSigner.fixture(), "Timestamp", "2026-11-25T16:00:00.000Z"));

    assertThat(verifier.verify(message))
        .isEqualTo(
            new SnsVerification.Valid(
                "sns:8c1f7a52-2c1e-5d4b-9a57-3e0f2b6c1d90", Instant.parse("2026-11-25T17:05:00Z")));
  }

  @Test
  void verify_whenTimestampUnreadable_isRejected() {
    assertRejected(
        SNS.sign(with(SnsTestSigner.fixture(), "Timestamp", "25/11/2026 16:05")),
        Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_whenCertificateCannotBeFetched_isRejectedAsUnavailable() {
    certificates.serve(null);

    assertRejected(SNS.sign(SnsTestSigner.fixture()), Reason.CERTIFICATE_UNAVAILABLE);
  }

  @Test
  void verify_whenCertificateExpired_isRejected() {
    var expired =
        new SnsTestSigner(
            Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"));
    certificates.serve(expired.certificate());

    assertRejected(expired.sign(SnsTestSigner.fixture()), Reason.CERTIFICATE_EXPIRED);
  }

  @Test
  void verify_subscriptionConfirmation_coversTokenAndSubscribeUrl() {
    SnsMessage confirmation =
        SNS.sign(
            with(
                with(
                    with(SnsTestSigner.fixture(), "Type", SnsMessage.SUBSCRIPTION_CONFIRMATION),
                    "Token",
                    "2336412f37fb687f5d51e6e2425c464de"),
                "SubscribeURL",
                "https://sns.ap-northeast-1.amazonaws.com/?Action=ConfirmSubscription&Token=2336"));

    assertThat(verifier.verify(confirmation)).isInstanceOf(SnsVerification.Valid.class);
    assertRejected(with(confirmation, "Token", "another-token"), Reason.BAD_SIGNATURE);
    assertRejected(
        with(confirmation, "SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Token=x"),
        Reason.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
        "https://SNS.EU-WEST-1.AMAZONAWS.COM/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com:443/SimpleNotificationService-abc.pem"
      })
  void verify_certificateUrlOnAnSnsHost_isFetched(String url) {
    SnsMessage message = SNS.sign(with(SnsTestSigner.fixture(), "SigningCertURL", url));

    assertThat(verifier.verify(message)).isInstanceOf(SnsVerification.Valid.class);
    assertThat(certificates.requested()).extracting(Object::toString).containsExactly(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.amazonaws.com.evil.example/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-abc.pem",
        "https://evil.com/sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com@evil.com/SimpleNotificationService-abc.pem",
        "https://user@sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com./SimpleNotificationService-abc.pem",
        "https://evilsns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://x.sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://s3.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.txt",
        "https://sns.us-east-1.amazonaws.com/cert.pem?x=1#frag",
        "https://sns.us-east-1.amazonaws.com\\@evil.com/SimpleNotificationService-abc.pem",
        "https://sns.us-east-1.amazonaws.com%2eevil.com/SimpleNotificationService-abc.pem",
        "//sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "file:///etc/ssl/SimpleNotificationService-abc.pem",
        "ftp://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "not a url"
      })
  void verify_certificateUrlOffSnsHosts_isRejectedWithoutFetching(String url) {
    SnsMessage message = SNS.sign(with(SnsTestSigner.fixture(), "SigningCertURL", url));

    assertRejected(message, Reason.CERTIFICATE_URL_NOT_ALLOWED);
    assertThat(certificates.requested()).isEmpty();
  }

  private void assertRejected(SnsMessage message, Reason reason) {
    assertThat(verifier.verify(message))
        .asInstanceOf(
            org.assertj.core.api.InstanceOfAssertFactories.type(SnsVerification.Rejected.class))
        .extracting(SnsVerification.Rejected::reason)
        .isEqualTo(reason);
  }
}
