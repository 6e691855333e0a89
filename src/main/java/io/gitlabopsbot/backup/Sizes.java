package io.gitlabopsbot.backup;

import java.time.Duration;
import java.util.Locale;

/** Human-readable sizes and ages for backup messages. */
final class Sizes {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Sizes() {}

  /** {@code 0 B}, {@code 512 B}, {@code 1.5 KiB}, {@code 3.2 GiB}. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** {@code 45m}, {@code 5h 3m}, {@code 2d 4h}. */
  static String age(Duration age) {
    long minutes = age.toMinutes();
    if (minutes < 60) {
      return minutes + "m";
    }
    long hours = age.toHours();
    if (hours < 48) {
      return hours + "h " + (minutes % 60) + "m";
    }
    return age.toDays() + "d " + (hours % 24) + "h";
  }
}
