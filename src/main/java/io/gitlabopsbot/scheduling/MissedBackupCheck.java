package io.gitlabopsbot.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The dead-man's switch of a backup schedule: at a fire's deadline, asks whether a backup appeared
 * since the fire, and posts a warning when none did or when that cannot be known.
 */
public final class MissedBackupCheck {

  /** What the check needs to know about the fire it was armed for. */
  public record Armed(
      long fireId, String target, String cron, ZoneId zone, Instant firedAt, Instant deadline) {
    public Armed {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(cron, "cron");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(firedAt, "firedAt");
      Objects.requireNonNull(deadline, "deadline");
    }
  }

  private final BackupEvidence evidence;
  private final FireHistory history;
  private final ScheduleNotices notices;

  public MissedBackupCheck(BackupEvidence evidence, FireHistory history, ScheduleNotices notices) {
    this.evidence = evidence;
    this.history = history;
    this.notices = notices;
  }

  /** Runs the check; returns the outcome it recorded. */
  public FireOutcome run(Armed armed) {
    boolean seen;
    try {
      seen = evidence.backupSince(armed.target(), armed.firedAt());
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      history.settle(armed.fireId(), FireOutcome.UNVERIFIED, reason);
      notices.unverified(armed.target(), armed.cron(), armed.zone(), armed.firedAt(), reason);
      return FireOutcome.UNVERIFIED;
    }
    if (seen) {
      history.settle(armed.fireId(), FireOutcome.BACKUP_SEEN, null);
      return FireOutcome.BACKUP_SEEN;
    }
    history.settle(
        armed.fireId(),
        FireOutcome.MISSED,
        "no backup by " + ScheduleNotices.format(armed.deadline(), armed.zone()));
    notices.missed(armed.target(), armed.cron(), armed.zone(), armed.firedAt(), armed.deadline());
    return FireOutcome.MISSED;
  }
}
