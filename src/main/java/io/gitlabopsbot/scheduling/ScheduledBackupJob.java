package io.gitlabopsbot.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fire of a target's backup schedule: records the fire, arms the missed-backup check, and asks
 * the backup service to run. Never two at once for the same schedule, on any replica.
 */
@DisallowConcurrentExecution
public final class ScheduledBackupJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(ScheduledBackupJob.class);

  private final BackupTrigger backups;
  private final FireHistory history;
  private final ScheduleNotices notices;
  private final Duration deadline;

  public ScheduledBackupJob(
      BackupTrigger backups, FireHistory history, ScheduleNotices notices, Duration deadline) {
    this.backups = backups;
    this.history = history;
    this.notices = notices;
    this.deadline = deadline;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    String target = data.getString(JobData.TARGET);
    String cron = data.getString(JobData.CRON);
    ZoneId zone = ZoneId.of(data.getString(JobData.ZONE));
    String scheduleId = context.getJobDetail().getKey().getName();
    Instant scheduledAt = context.getScheduledFireTime().toInstant();
    // Quartz's own fire time, so the deadline is on the same clock as the trigger that checks it.
    Instant firedAt = context.getFireTime().toInstant();

    long fireId = history.recordFire(target, scheduleId, cron, scheduledAt, firedAt);
    // Armed before the backup starts, so a backup that hangs or a replica that dies is noticed.
    try {
      MissedBackupCheckJob.arm(
          context.getScheduler(),
          new MissedBackupCheck.Armed(fireId, target, cron, zone, firedAt, firedAt.plus(deadline)));
    } catch (SchedulerException e) {
      log.error(
          "Could not arm the missed-backup check; this fire goes unwatched [target={}, fire={}]",
          target,
          fireId,
          e);
    }
    try {
      backups.runScheduled(target, scheduleId, scheduledAt);
      history.settle(fireId, FireOutcome.STARTED, null);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      log.warn("Scheduled backup did not start [target={}, fire={}]", target, fireId, e);
      history.settle(fireId, FireOutcome.NOT_STARTED, reason);
      notices.notStarted(target, cron, zone, firedAt, reason);
    }
  }
}
