package io.gitlabopsbot.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/** Runs a {@link MissedBackupCheck} at the deadline of one fire of a backup schedule. */
public final class MissedBackupCheckJob implements Job {

  private final MissedBackupCheck check;

  public MissedBackupCheckJob(MissedBackupCheck check) {
    this.check = check;
  }

  /**
   * Stores the one-shot check for {@code armed} in the job store, so it runs on whichever replica
   * is up at the deadline, or as soon as one is up again if none was.
   */
  static void arm(Scheduler scheduler, MissedBackupCheck.Armed armed) throws SchedulerException {
    String name = "missed-backup-check-" + armed.fireId();
    JobDetail job =
        JobBuilder.newJob(MissedBackupCheckJob.class)
            .withIdentity(name, JobData.DEADLINES)
            .usingJobData(JobData.FIRE_ID, Long.toString(armed.fireId()))
            .usingJobData(JobData.TARGET, armed.target())
            .usingJobData(JobData.CRON, armed.cron())
            .usingJobData(JobData.ZONE, armed.zone().getId())
            .usingJobData(JobData.FIRED_AT, armed.firedAt().toString())
            .usingJobData(JobData.DEADLINE, armed.deadline().toString())
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(name, JobData.DEADLINES)
            .startAt(Date.from(armed.deadline()))
            .withSchedule(
                SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
            .build();
    scheduler.scheduleJob(job, trigger);
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    check.run(
        new MissedBackupCheck.Armed(
            Long.parseLong(data.getString(JobData.FIRE_ID)),
            data.getString(JobData.TARGET),
            data.getString(JobData.CRON),
            ZoneId.of(data.getString(JobData.ZONE)),
            Instant.parse(data.getString(JobData.FIRED_AT)),
            Instant.parse(data.getString(JobData.DEADLINE))));
  }
}
