package io.gitlabopsbot.scheduling;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Converts a standard cron day-of-week field (0-7, 0 and 7 both Sunday, or SUN-SAT; lists, ranges,
 * steps) into Quartz's numbering (1 = Sunday … 7 = Saturday), as an explicit list of days.
 */
final class DaysOfWeek {

  private static final List<String> NAMES =
      List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private DaysOfWeek() {}

  /**
   * @throws IllegalArgumentException if the field is not understood; the message says why
   */
  static String toQuartz(String field) {
    TreeSet<Integer> days = new TreeSet<>();
    for (String item : field.split(",", -1)) {
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), field);
        if (step < 1) {
          throw bad(field);
        }
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = 0;
        to = 6;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
          throw bad(field);
        }
        from = day(ends[0], field);
        to = day(ends[1], field);
      } else {
        from = day(range, field);
        to = slash >= 0 ? 6 : from;
      }
      if (from > to) {
        throw new IllegalArgumentException(
            "day-of-week range " + range + " runs backwards; write it as a list, e.g. 5,6,0");
      }
      for (int d = from; d <= to; d += step) {
        days.add(d % 7);
      }
    }
    return days.stream().map(d -> Integer.toString(d + 1)).collect(Collectors.joining(","));
  }

  private static int day(String text, String field) {
    int name = NAMES.indexOf(text.toUpperCase(Locale.ROOT));
    if (name >= 0) {
      return name;
    }
    int day = number(text, field);
    if (day > 7) {
      throw bad(field);
    }
    return day;
  }

  private static int number(String text, String field) {
    if (!text.matches("[0-9]{1,2}")) {
      throw bad(field);
    }
    return Integer.parseInt(text);
  }

  private static IllegalArgumentException bad(String field) {
    return new IllegalArgumentException(
        "day-of-week "
            + field
            + " is not understood: use 0-7 (0 and 7 are Sunday) or SUN-SAT, with lists (1,3),"
            + " ranges (1-5) and steps (*/2)");
  }
}
