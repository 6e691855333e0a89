package io.gitlabopsbot.slack;

import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.slack.Verification.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's v0 request signature: HMAC-SHA256 over {@code v0:<timestamp>:<raw body>} with the
 * app's signing secret, and that the timestamp is recent, so captured requests cannot be replayed
 * later.
 */
public final class SlackSignatureVerifier {

  /** Slack's documented window: older requests are refused. */
  public static final Duration MAX_AGE = Duration.ofMinutes(5);

  /**
   * How far ahead of our clock a timestamp may be. Slack's and our clocks are both NTP-synced, so a
   * minute covers real skew while a far-future timestamp (one that would stay "fresh" for long) is
   * refused.
   */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  static final String TIMESTAMP_HEADER = "x-slack-request-timestamp";
  static final String SIGNATURE_HEADER = "x-slack-signature";

  private static final String ALGORITHM = "HmacSHA256";
  // Up to 12 digits reaches far beyond any real time yet cannot overflow a long.
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
  // Lower-case only: the signature is also the replay key, so accepting other spellings of the
  // same signature would let a replay slip past the replay guard.
  private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-f]{64}");

  private final SecretKeySpec key;
  private final Clock clock;

  public SlackSignatureVerifier(Secret signingSecret, Clock clock) {
    Objects.requireNonNull(signingSecret, "signingSecret");
    if (signingSecret.isBlank()) {
      throw new IllegalArgumentException(
          "Slack signing secret is empty; set SLACK_SIGNING_SECRET from the Slack app's"
              + " Basic Information page");
    }
    this.key = new SecretKeySpec(signingSecret.value().getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies one request.
   *
   * @param headers request headers keyed by lower-case name
   * @param body the raw body exactly as received
   */
  public Verification verify(Map<String, List<String>> headers, byte[] body) {
    String timestamp = first(headers, TIMESTAMP_HEADER);
    String signature = first(headers, SIGNATURE_HEADER);
    if (timestamp == null || signature == null) {
      return new Verification.Rejected(Reason.MISSING_HEADERS);
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      return new Verification.Rejected(Reason.MALFORMED_TIMESTAMP);
    }
    if (!SIGNATURE.matcher(signature).matches()) {
      return new Verification.Rejected(Reason.MALFORMED_SIGNATURE);
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Instant now = clock.instant();
    if (signedAt.isBefore(now.minus(MAX_AGE))) {
      return new Verification.Rejected(Reason.STALE);
    }
    if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      return new Verification.Rejected(Reason.FUTURE);
    }
    byte[] expected = expectedSignature(timestamp, body);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      return new Verification.Rejected(Reason.BAD_SIGNATURE);
    }
    return new Verification.Valid(signature, signedAt.plus(MAX_AGE).plus(MAX_CLOCK_SKEW));
  }

  private byte[] expectedSignature(String timestamp, byte[] body) {
    Mac mac;
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM offers no usable " + ALGORITHM, e);
    }
    mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
    byte[] digest = mac.doFinal(body);
    return ("v0=" + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.US_ASCII);
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
