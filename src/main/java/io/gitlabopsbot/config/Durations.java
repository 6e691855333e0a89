package io.gitlabopsbot.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way operators write them in YAML: {@code 90s}, {@code 15m}, {@code 6h},
 * {@code 30d}.
 */
final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhd])");

  private Durations() {}

  /** The duration, or null when {@code text} is not of the form; callers report the key. */
  static Duration parse(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
