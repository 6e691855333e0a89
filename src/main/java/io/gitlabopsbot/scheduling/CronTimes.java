package io.gitlabopsbot.scheduling;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** Fire times of a valid Quartz expression in a zone, computed from a given instant. */
final class CronTimes {

  /** Fires looked at to find the shortest gap; enough to see an "every N minutes" pattern. */
  private static final int SAMPLE = 10;

  private final CronExpression expression;
  private final ZoneId zone;

  private CronTimes(CronExpression expression, ZoneId zone) {
    this.expression = expression;
    this.zone = zone;
  }

  /** {@code quartz} must be valid (from {@link CronParser.Valid}). */
  static CronTimes of(String quartz, ZoneId zone) {
    try {
      CronExpression expression = new CronExpression(quartz);
      expression.setTimeZone(TimeZone.getTimeZone(zone));
      return new CronTimes(expression, zone);
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a valid Quartz expression: " + quartz, e);
    }
  }

  /** Up to {@code count} fire times after {@code from}. */
  List<ZonedDateTime> next(Instant from, int count) {
    List<ZonedDateTime> fires = new ArrayList<>();
    Date cursor = Date.from(from);
    while (fires.size() < count) {
      cursor = expression.getNextValidTimeAfter(cursor);
      if (cursor == null) {
        break;
      }
      fires.add(cursor.toInstant().atZone(zone));
    }
    return fires;
  }

  /** The shortest gap between upcoming fires; a very long one if it fires only once more. */
  Optional<Duration> shortestGap(Instant from) {
    List<ZonedDateTime> fires = next(from, SAMPLE);
    if (fires.isEmpty()) {
      return Optional.empty();
    }
    Duration shortest = Duration.ofDays(366 * 100);
    for (int i = 1; i < fires.size(); i++) {
      Duration gap = Duration.between(fires.get(i - 1), fires.get(i));
      if (gap.compareTo(shortest) < 0) {
        shortest = gap;
      }
    }
    return Optional.of(shortest);
  }

  /** {@code 1 h}, {@code 5 min}, {@code 30 s}. */
  static String describe(Duration duration) {
    if (duration.toHours() > 0 && duration.toMinutesPart() == 0 && duration.toSecondsPart() == 0) {
      return duration.toHours() + " h";
    }
    if (duration.toMinutes() > 0 && duration.toSecondsPart() == 0) {
      return duration.toMinutes() + " min";
    }
    return duration.toSeconds() + " s";
  }
}
