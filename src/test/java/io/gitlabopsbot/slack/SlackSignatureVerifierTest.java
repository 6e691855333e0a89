package io.gitlabopsbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.slack.Verification.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {

  // Slack's documented example ("Verifying requests from Slack").
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TIMESTAMP = "1531420618";
  private static final String BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
          + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
          + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
          + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447"
          + "fce8b6703c";
  private static final String SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
  private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

  @Test
  void verify_whenSlackDocumentedExample_isValid() {
    Verification result = verifierAt(SIGNED_AT).verify(headers(TIMESTAMP, SIGNATURE), body());

    assertThat(result)
        .isEqualTo(new Verification.Valid(SIGNATURE, SIGNED_AT.plusSeconds(5 * 60 + 60)));
  }

  @Test
  void verify_whenTimestampFiveMinutesOld_isStillValid() {
    Verification result =
        verifierAt(SIGNED_AT.plusSeconds(300)).verify(headers(TIMESTAMP, SIGNATURE), body());

    assertThat(result).isInstanceOf(Verification.Valid.class);
  }

  @Test
  void verify_whenTimestampHeaderMissing_isRejected() {
    var headers = headers(TIMESTAMP, SIGNATURE);
    headers.remove("x-slack-request-timestamp");

    assertRejected(verifierAt(SIGNED_AT).verify(headers, body()), Reason.MISSING_HEADERS);
  }

  @Test
  void verify_whenSignatureHeaderMissing_isRejected() {
    var headers = headers(TIMESTAMP, SIGNATURE);
    headers.put("x-slack-signature", List.of());

    assertRejected(verifierAt(SIGNED_AT).verify(headers, body()), Reason.MISSING_HEADERS);
  }

  @Test
  void verify_whenTimestampNotNumeric_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT).verify(headers("1531420618abc", SIGNATURE), body()),
        Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_whenTimestampNegative_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT).verify(headers("-1531420618", SIGNATURE), body()),
        Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_whenTimestampHuge_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT).verify(headers("99999999999999999999999", SIGNATURE), body()),
        Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_whenSignatureGarbled_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT).verify(headers(TIMESTAMP, "v0=not-hex"), body()),
        Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_whenSignatureVersionIsV1_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT).verify(headers(TIMESTAMP, "v1=" + SIGNATURE.substring(3)), body()),
        Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_whenSignatureUpperCaseHex_isRejected() {
    // Another spelling of a valid signature would be a different replay key.
    String upper = "v0=" + SIGNATURE.substring(3).toUpperCase();

    assertRejected(
        verifierAt(SIGNED_AT).verify(headers(TIMESTAMP, upper), body()),
        Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_whenSignatureOneDigitShort_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT)
            .verify(headers(TIMESTAMP, SIGNATURE.substring(0, SIGNATURE.length() - 1)), body()),
        Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_whenTimestamp301SecondsOld_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT.plusSeconds(301)).verify(headers(TIMESTAMP, SIGNATURE), body()),
        Reason.STALE);
  }

  @Test
  void verify_whenTimestamp61SecondsInFuture_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT.minusSeconds(61)).verify(headers(TIMESTAMP, SIGNATURE), body()),
        Reason.FUTURE);
  }

  @Test
  void verify_whenTimestamp60SecondsInFuture_isValid() {
    Verification result =
        verifierAt(SIGNED_AT.minusSeconds(60)).verify(headers(TIMESTAMP, SIGNATURE), body());

    assertThat(result).isInstanceOf(Verification.Valid.class);
  }

  @Test
  void verify_whenOneHexDigitFlipped_isRejected() {
    char last = SIGNATURE.charAt(SIGNATURE.length() - 1);
    String flipped = SIGNATURE.substring(0, SIGNATURE.length() - 1) + (last == '3' ? '4' : '3');

    assertRejected(
        verifierAt(SIGNED_AT).verify(headers(TIMESTAMP, flipped), body()), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_whenBodyDiffers_isRejected() {
    byte[] other = BODY.replace("text=", "text=delete").getBytes(StandardCharsets.UTF_8);

    assertRejected(
        verifierAt(SIGNED_AT).verify(headers(TIMESTAMP, SIGNATURE), other), Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_whenTimestampHeaderDiffersFromSignedOne_isRejected() {
    assertRejected(
        verifierAt(SIGNED_AT).verify(headers("1531420619", SIGNATURE), body()),
        Reason.BAD_SIGNATURE);
  }

  @Test
  void verify_whenSignedWithAnotherSecret_isRejected() {
    var verifier =
        new SlackSignatureVerifier(
            new Secret("another-secret-000000000000000000"),
            Clock.fixed(SIGNED_AT, ZoneOffset.UTC));

    assertRejected(verifier.verify(headers(TIMESTAMP, SIGNATURE), body()), Reason.BAD_SIGNATURE);
  }

  @Test
  void constructor_whenSecretBlank_isRefused() {
    assertThatThrownBy(() -> new SlackSignatureVerifier(new Secret("  "), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SLACK_SIGNING_SECRET");
  }

  private static SlackSignatureVerifier verifierAt(Instant now) {
    return new SlackSignatureVerifier(new Secret(SECRET), Clock.fixed(now, ZoneOffset.UTC));
  }

  private static Map<String, List<String>> headers(String timestamp, String signature) {
    var headers = new HashMap<String, List<String>>();
    headers.put("x-slack-request-timestamp", List.of(timestamp));
    headers.put("x-slack-signature", List.of(signature));
    headers.put("content-type", List.of("application/x-www-form-urlencoded"));
    return headers;
  }

  private static byte[] body() {
    return BODY.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRejected(Verification result, Reason reason) {
    assertThat(result).isEqualTo(new Verification.Rejected(reason));
  }
}
