package io.gitlabopsbot.alerts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Opaque IDs for the buttons of an alert thread: 192 random bits, URL-safe Base64 without padding
 * (32 characters). Random, so a forged click cannot guess another thread's ID.
 */
final class AlertActionIds {

  private static final int BYTES = 24;
  private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32}");

  private final SecureRandom random;

  AlertActionIds(SecureRandom random) {
    this.random = random;
  }

  String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code value} could be an ID at all; anything else is refused without a lookup. */
  static boolean wellFormed(String value) {
    return value != null && SHAPE.matcher(value).matches();
  }
}
