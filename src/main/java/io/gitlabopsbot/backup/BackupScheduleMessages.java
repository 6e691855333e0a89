package io.gitlabopsbot.backup;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import io.gitlabopsbot.scheduling.FireRecord;
import io.gitlabopsbot.scheduling.ScheduleChange;
import io.gitlabopsbot.scheduling.ScheduleNotices;
import io.gitlabopsbot.scheduling.ScheduleView;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders backup schedules for Slack: one line of outcome, then the schedule's fields. */
final class BackupScheduleMessages {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z", Locale.ROOT);

  private BackupScheduleMessages() {}

  static Message show(ScheduleView view) {
    return describe("Backup schedule of " + SlackText.escape(view.target()), view);
  }

  static Message changed(ScheduleChange.Changed changed) {
    ScheduleView view = changed.view();
    String verb =
        switch (changed.action()) {
          case SET -> "set";
          case PAUSED -> "paused: no backups until it is resumed";
          case RESUMED -> "resumed";
        };
    String subject = "backup schedule of " + SlackText.escape(view.target());
    String headline =
        changed.dryRun()
            ? "Dry run, nothing changed: the " + subject + " would be " + verb
            : ":white_check_mark: The " + subject + " is " + verb;
    return describe(headline, view);
  }

  static Message unchanged(String reason, ScheduleView view) {
    return describe(
        "Backup schedule of " + SlackText.escape(view.target()) + " left as it is: " + reason,
        view);
  }

  private static Message describe(String headline, ScheduleView view) {
    String next =
        view.nextFires().isEmpty()
            ? "none"
            : view.nextFires().stream()
                .map(BackupScheduleMessages::time)
                .collect(Collectors.joining(", "));
    if (view.state() == ScheduleView.State.PAUSED && !view.nextFires().isEmpty()) {
      next = "none while paused (would be " + next + ")";
    }
    return Message.builder(headline)
        .section(headline)
        .fields(
            List.of(
                new Block.Field("Schedule", SlackText.code(view.cron())),
                new Block.Field("Time zone", view.zone().getId()),
                new Block.Field("State", view.state().name().toLowerCase(Locale.ROOT)),
                new Block.Field("Next backups", next),
                new Block.Field("Last fire", lastFire(view))))
        .context("Quartz expression: " + SlackText.code(view.quartz()))
        .build();
  }

  private static String lastFire(ScheduleView view) {
    if (view.lastFire().isEmpty()) {
      return "never fired";
    }
    FireRecord fire = view.lastFire().get();
    String when = ScheduleNotices.format(fire.firedAt(), view.zone());
    String result =
        switch (fire.outcome()) {
          case FIRED -> "fired, starting the backup";
          case STARTED -> "backup started";
          case NOT_STARTED -> "backup did not start";
          case BACKUP_SEEN -> "backup completed in time";
          case MISSED -> "missed: no backup appeared in time";
          case UNVERIFIED -> "could not check whether the backup appeared";
        };
    return when
        + " — "
        + result
        + (fire.detail() == null ? "" : ": " + SlackText.escape(fire.detail()));
  }

  private static String time(ZonedDateTime time) {
    return TIME.format(time);
  }
}
