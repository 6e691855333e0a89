package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.message.SlackText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts what the schedules themselves notice to the notification channel: a missed backup, a
 * deadline that could not be checked, a fire whose backup did not start. A failed post is logged,
 * never thrown, so the scheduler keeps running.
 */
public final class ScheduleNotices {

  private static final Logger log = LoggerFactory.getLogger(ScheduleNotices.class);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

  private final Notifier notifier;
  private final String channel;

  /**
   * @param channel the notification channel ID; null posts to the notifier's default (the console)
   */
  public ScheduleNotices(Notifier notifier, String channel) {
    this.notifier = notifier;
    this.channel = channel;
  }

  /** Formats an instant in the schedule's zone, e.g. {@code 2026-11-25 02:00 CET}. */
  public static String format(Instant instant, ZoneId zone) {
    return TIME.format(instant.atZone(zone));
  }

  void missed(String target, String cron, ZoneId zone, Instant firedAt, Instant deadline) {
    post(
        ":warning: missed backup: the "
            + SlackText.code(cron)
            + " schedule for "
            + target
            + " fired at "
            + format(firedAt, zone)
            + " but no backup appeared by "
            + format(deadline, zone)
            + ". Check the backup messages above and the toolbox pod, then run"
            + " `backup now` if needed.");
  }

  void unverified(String target, String cron, ZoneId zone, Instant firedAt, String reason) {
    post(
        ":warning: could not check the backup of "
            + target
            + " for the "
            + SlackText.code(cron)
            + " schedule that fired at "
            + format(firedAt, zone)
            + ": "
            + SlackText.escape(reason)
            + ". Check the backup bucket by hand with `backup list`.");
  }

  void notStarted(String target, String cron, ZoneId zone, Instant firedAt, String reason) {
    post(
        ":x: the "
            + SlackText.code(cron)
            + " backup schedule for "
            + target
            + " fired at "
            + format(firedAt, zone)
            + " but the backup did not start: "
            + SlackText.escape(reason)
            + ". Fix the cause, then run `backup now`.");
  }

  private void post(String text) {
    try {
      notifier.post(channel, Message.of(text));
    } catch (RuntimeException e) {
      log.error("Could not post a backup schedule notice [channel={}]: {}", channel, text, e);
    }
  }
}
