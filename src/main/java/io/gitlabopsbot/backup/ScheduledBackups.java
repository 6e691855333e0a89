package io.gitlabopsbot.backup;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.config.TargetSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Backups started by a schedule rather than a person: audited as the scheduler (as the dispatcher
 * audits a command), followed to the end, and reported in the notification channel.
 */
public final class ScheduledBackups {

  private final BackupService service;
  private final Targets targets;
  private final AuditLog audit;
  private final Clock clock;
  private final Supplier<Progress> progress;

  /**
   * @param progress where a scheduled backup reports (the notification channel)
   */
  public ScheduledBackups(
      BackupService service,
      Targets targets,
      AuditLog audit,
      Clock clock,
      Supplier<Progress> progress) {
    this.service = service;
    this.targets = targets;
    this.audit = audit;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Runs the backup a schedule asked for, to its end.
   *
   * @throws IllegalStateException if the schedule names an unknown target or the backup failed, so
   *     the scheduler records the fire as failed
   */
  public void run(String target, String scheduleId, Instant scheduledFireTime) {
    TargetSettings settings =
        targets
            .find(target)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "schedule " + scheduleId + " names unknown target " + target));
    String correlationId = "sched-" + scheduledFireTime.getEpochSecond();
    audit.record(
        new AuditEntry(
            clock.instant(),
            correlationId,
            Caller.SCHEDULER.source(),
            null,
            null,
            Caller.SCHEDULER.userName(),
            "backup now",
            "(scheduled " + scheduleId + ")",
            "allowed",
            "started",
            ""));
    BackupOutcome outcome =
        service.start(
            new BackupRequest(settings, List.of(), "scheduler", correlationId, false),
            progress.get());
    audit.complete(
        correlationId, outcome instanceof BackupOutcome.Succeeded ? "succeeded" : "failed", "");
    if (!(outcome instanceof BackupOutcome.Succeeded)) {
      throw new IllegalStateException("scheduled backup of " + target + " did not succeed");
    }
  }
}
