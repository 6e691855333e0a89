package io.gitlabopsbot.scheduling;

import java.time.ZoneId;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** Installs the cron trigger of the EKS end-of-support check; every replica may do so on start. */
public final class SupportCheckSchedule {

  static final JobKey JOB = JobKey.jobKey("eks-support-check", "cluster-checks");
  static final TriggerKey TRIGGER = TriggerKey.triggerKey("eks-support-check", "cluster-checks");

  private final Scheduler scheduler;

  public SupportCheckSchedule(QuartzScheduling quartz) {
    this.scheduler = quartz.scheduler();
  }

  /**
   * Stores the check's job and trigger, replacing the ones stored before, so a restart with the
   * same settings changes nothing and one with a new schedule takes it.
   *
   * @param cron standard 5-field cron, a macro, or Quartz
   * @throws IllegalArgumentException if {@code cron} is not a valid schedule
   * @throws SchedulingException if the job store cannot be written
   */
  public void install(String cron, ZoneId zone) {
    CronParser.Result parsed = new CronParser().parse(cron);
    if (parsed instanceof CronParser.Invalid invalid) {
      throw new IllegalArgumentException(
          "The EKS support check schedule is invalid: " + invalid.problem());
    }
    String quartz = ((CronParser.Valid) parsed).quartz();
    JobDetail job =
        JobBuilder.newJob(SupportCheckJob.class)
            .withIdentity(JOB)
            .withDescription("EKS end-of-support warnings")
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(TRIGGER)
            .forJob(job)
            .withDescription(cron)
            .withSchedule(
                CronScheduleBuilder.cronSchedule(quartz)
                    .inTimeZone(TimeZone.getTimeZone(zone))
                    // Down at check time: check once on start rather than wait a whole day.
                    .withMisfireHandlingInstructionFireAndProceed())
            .build();
    try {
      Trigger stored = scheduler.getTrigger(TRIGGER);
      if (stored != null && sameSchedule(stored, trigger)) {
        return;
      }
      scheduler.scheduleJob(job, Set.of(trigger), true);
    } catch (SchedulerException e) {
      throw new SchedulingException(
          "Could not store the schedule of the EKS support check in the job store: "
              + e.getMessage()
              + ". Check that the store database is reachable.",
          e);
    }
  }

  // Replacing an unchanged trigger on every restart would move its next fire time; keep it.
  private static boolean sameSchedule(Trigger stored, Trigger wanted) {
    return stored instanceof org.quartz.CronTrigger a
        && wanted instanceof org.quartz.CronTrigger b
        && a.getCronExpression().equals(b.getCronExpression())
        && a.getTimeZone().getID().equals(b.getTimeZone().getID());
  }
}
