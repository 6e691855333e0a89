package io.gitlabopsbot.status;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Small text helpers of the status message: bounded, aligned tables and ages. */
final class StatusText {

  /** Rows shown per section; the rest are counted, so a broken cluster cannot flood the channel. */
  static final int MAX_ROWS = 20;

  private StatusText() {}

  /**
   * A code block of at most {@value #MAX_ROWS} rows, the first column padded so the second lines
   * up, then {@code +N more} when rows were left out.
   */
  static <T> String table(List<T> rows, Function<T, String> first, Function<T, String> rest) {
    List<T> shown = rows.stream().limit(MAX_ROWS).toList();
    int width = shown.stream().mapToInt(r -> first.apply(r).length()).max().orElse(0);
    StringBuilder out = new StringBuilder("```\n");
    for (T row : shown) {
      String name = first.apply(row);
      out.append(name).append(" ".repeat(width - name.length() + 2)).append(rest.apply(row));
      out.append('\n');
    }
    if (rows.size() > MAX_ROWS) {
      out.append('+').append(rows.size() - MAX_ROWS).append(" more\n");
    }
    return out.append("```").toString();
  }

  /** {@code 3 h ago}, {@code 2 d 4 h ago}; hours up to two days, as backup schedules are daily. */
  static String age(Duration age) {
    if (age.isNegative() || age.toMinutes() < 1) {
      return "just now";
    }
    if (age.toHours() < 1) {
      return age.toMinutes() + " min ago";
    }
    if (age.toDays() < 2) {
      return age.toHours() + " h ago";
    }
    return age.toDays() + " d " + age.toHoursPart() + " h ago";
  }
}
