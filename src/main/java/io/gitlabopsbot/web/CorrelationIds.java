package io.gitlabopsbot.web;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short random IDs that tie a generic error reply to the one log line holding its details. */
final class CorrelationIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private CorrelationIds() {}

  /** Twelve hex digits: short enough to read out in Slack, unique enough to grep a log. */
  static String next() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
