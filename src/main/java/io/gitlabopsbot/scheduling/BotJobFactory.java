package io.gitlabopsbot.scheduling;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Builds our Quartz jobs with their dependencies passed to their constructors, instead of Quartz's
 * default of a no-argument constructor plus setters.
 */
public final class BotJobFactory implements JobFactory {

  private final Map<Class<? extends Job>, Supplier<? extends Job>> jobs;

  /** A factory for exactly the given job classes. */
  public BotJobFactory(Map<Class<? extends Job>, Supplier<? extends Job>> jobs) {
    this.jobs = Map.copyOf(jobs);
  }

  /** A factory for no job at all; capabilities add theirs with {@link #with}. */
  public static BotJobFactory none() {
    return new BotJobFactory(Map.of());
  }

  /** This factory plus every job of {@code other}. */
  public BotJobFactory with(BotJobFactory other) {
    Map<Class<? extends Job>, Supplier<? extends Job>> more = new HashMap<>(jobs);
    more.putAll(other.jobs);
    return new BotJobFactory(more);
  }

  /** The jobs of backup schedules: the scheduled backup and its missed-backup check. */
  public static BotJobFactory forBackups(
      BackupTrigger backups,
      FireHistory history,
      MissedBackupCheck check,
      ScheduleNotices notices,
      Duration deadline) {
    return new BotJobFactory(
        Map.of(
            ScheduledBackupJob.class,
            () -> new ScheduledBackupJob(backups, history, notices, deadline),
            MissedBackupCheckJob.class,
            () -> new MissedBackupCheckJob(check)));
  }

  /**
   * This factory plus {@code type}, e.g. {@code forBackups(…).with(SupportCheckJob.class, () -> new
   * SupportCheckJob(warnings))}.
   */
  public BotJobFactory with(Class<? extends Job> type, Supplier<? extends Job> supplier) {
    Map<Class<? extends Job>, Supplier<? extends Job>> more = new HashMap<>(jobs);
    more.put(type, supplier);
    return new BotJobFactory(more);
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<? extends Job> type = bundle.getJobDetail().getJobClass();
    Supplier<? extends Job> supplier = jobs.get(type);
    if (supplier == null) {
      throw new SchedulerException(
          "The job store holds a job of type "
              + type.getName()
              + " that this bot does not know; remove it from the qrtz_ tables or register it"
              + " in BotJobFactory");
    }
    return supplier.get();
  }
}
