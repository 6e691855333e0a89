package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.message.SlackText;
import java.text.ParseException;
import java.util.Locale;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * Reads a schedule as people write it: standard 5-field cron ({@code 0 2 * * *}), a macro such as
 * {@code @daily}, or a 6/7-field Quartz expression (seconds first), and turns it into a valid
 * Quartz expression.
 */
public final class CronParser {

  /** The example every error message offers. */
  public static final String EXAMPLE = "`0 2 * * *` (every day at 02:00)";

  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 * * * *",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@weekly", "0 0 * * 0",
          "@monthly", "0 0 1 * *");

  /** The outcome of parsing. */
  public sealed interface Result {}

  /** A schedule Quartz accepts. */
  public record Valid(String quartz) implements Result {}

  /** A schedule that was refused; the problem quotes it and gives an example. */
  public record Invalid(String problem) implements Result {}

  public Result parse(String text) {
    if (text == null || text.isBlank()) {
      return new Invalid("no schedule given: write one in quotes, e.g. " + EXAMPLE);
    }
    String given = text.strip();
    String expanded = MACROS.getOrDefault(given.toLowerCase(Locale.ROOT), given);
    String[] fields = expanded.split("\\s+");
    String quartz;
    if (fields.length == 5) {
      try {
        quartz = fromStandard(fields);
      } catch (IllegalArgumentException e) {
        return invalid(given, e.getMessage());
      }
    } else if (fields.length == 6 || fields.length == 7) {
      quartz = String.join(" ", fields);
    } else {
      return invalid(
          given,
          "it has "
              + fields.length
              + " fields; use 5 (minute hour day-of-month month day-of-week) or 6-7 (Quartz,"
              + " seconds first)");
    }
    try {
      new CronExpression(quartz);
    } catch (ParseException e) {
      return invalid(given, e.getMessage());
    }
    return new Valid(quartz.toUpperCase(Locale.ROOT));
  }

  private static Invalid invalid(String given, String why) {
    return new Invalid(
        SlackText.code(given)
            + " is not a valid cron schedule: "
            + SlackText.escape(why)
            + ". Example: "
            + EXAMPLE);
  }

  /** Standard cron to Quartz: a seconds field, {@code ?} for the unrestricted day field. */
  private static String fromStandard(String[] f) {
    String dayOfMonth = f[2];
    String dayOfWeek = f[4];
    for (String field : new String[] {dayOfMonth, dayOfWeek}) {
      if (field.matches(".*[?LW#].*")) {
        throw new IllegalArgumentException(
            "?, L, W and # need the 6-field Quartz form, e.g. `0 0 2 L * ?`");
      }
    }
    boolean monthDays = !dayOfMonth.equals("*");
    boolean weekDays = !dayOfWeek.equals("*");
    if (monthDays && weekDays) {
      // Standard cron fires when EITHER matches; Quartz cannot say that, so refuse, don't guess.
      throw new IllegalArgumentException(
          "it restricts both day-of-month and day-of-week; restrict only one of them");
    }
    return String.join(
        " ",
        "0",
        f[0],
        f[1],
        weekDays ? "?" : dayOfMonth,
        f[3],
        weekDays ? DaysOfWeek.toQuartz(dayOfWeek) : "?");
  }
}
