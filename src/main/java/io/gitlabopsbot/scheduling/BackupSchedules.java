package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.message.SlackText;
import io.gitlabopsbot.scheduling.ScheduleChange.Action;
import io.gitlabopsbot.scheduling.ScheduleView.State;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** The backup schedule of each target: set, show, pause, resume. One schedule per target. */
public final class BackupSchedules {

  private static final int SHOWN_FIRES = 3;

  private final QuartzScheduling quartz;
  private final FireHistory history;
  private final Clock clock;
  private final Duration minimumInterval;
  private final CronParser parser = new CronParser();

  public BackupSchedules(
      QuartzScheduling quartz, FireHistory history, Clock clock, Duration minimumInterval) {
    this.quartz = quartz;
    this.history = history;
    this.clock = clock;
    this.minimumInterval = minimumInterval;
  }

  /** The ID of {@code target}'s schedule, also passed to {@link BackupTrigger#runScheduled}. */
  public static String scheduleId(String target) {
    return "backup-" + target;
  }

  /**
   * Validates and stores {@code target}'s schedule, replacing any earlier one; a paused schedule
   * becomes active. Nothing is stored when the schedule or zone is refused, or in a dry run.
   *
   * @param zone an IANA zone such as {@code Europe/Berlin}; null means UTC
   */
  public ScheduleChange set(String target, String cron, String zone, boolean dryRun) {
    ZoneId zoneId;
    try {
      zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
    } catch (DateTimeException e) {
      return new ScheduleChange.Rejected(
          "unknown time zone "
              + SlackText.code(zone)
              + ": use a name from the IANA time zone database, e.g. `Europe/Berlin` or `UTC`");
    }
    CronParser.Result parsed = parser.parse(cron);
    if (parsed instanceof CronParser.Invalid invalid) {
      return new ScheduleChange.Rejected(invalid.problem());
    }
    String quartz = ((CronParser.Valid) parsed).quartz();
    CronTimes times = CronTimes.of(quartz, zoneId);
    Optional<Duration> gap = times.shortestGap(clock.instant());
    if (gap.isEmpty()) {
      return new ScheduleChange.Rejected(
          SlackText.code(cron) + " never fires again. Example: " + CronParser.EXAMPLE);
    }
    if (gap.get().compareTo(minimumInterval) < 0) {
      return new ScheduleChange.Rejected(
          SlackText.code(cron)
              + " would start a backup every "
              + CronTimes.describe(gap.get())
              + "; backup schedules may fire at most every "
              + CronTimes.describe(minimumInterval)
              + ". Did you mean "
              + CronParser.EXAMPLE
              + "?");
    }
    if (!dryRun) {
      store(target, cron.strip(), quartz, zoneId);
    }
    return new ScheduleChange.Changed(
        Action.SET, view(target, cron.strip(), quartz, zoneId, State.ACTIVE), dryRun);
  }

  /** The stored schedule of {@code target}, if any. */
  public Optional<ScheduleView> show(String target) {
    try {
      Trigger trigger = this.quartz.scheduler().getTrigger(triggerKey(target));
      JobDetail job = this.quartz.scheduler().getJobDetail(jobKey(target));
      if (!(trigger instanceof CronTrigger cron) || job == null) {
        return Optional.empty();
      }
      State state =
          switch (this.quartz.scheduler().getTriggerState(trigger.getKey())) {
            case PAUSED -> State.PAUSED;
            case BLOCKED -> State.RUNNING;
            case ERROR -> State.ERROR;
            default -> State.ACTIVE;
          };
      ZoneId zone = ZoneId.of(job.getJobDataMap().getString(JobData.ZONE));
      String text = job.getJobDataMap().getString(JobData.CRON);
      return Optional.of(view(target, text, cron.getCronExpression(), zone, state));
    } catch (SchedulerException e) {
      throw failure("read", target, e);
    }
  }

  /** Stops {@code target}'s schedule from firing until resumed. */
  public ScheduleChange pause(String target, boolean dryRun) {
    Optional<ScheduleView> current = show(target);
    if (current.isEmpty()) {
      return new ScheduleChange.NoSchedule(target);
    }
    if (current.get().state() == State.PAUSED) {
      return new ScheduleChange.Unchanged("it is already paused", current.get());
    }
    if (!dryRun) {
      try {
        this.quartz.scheduler().pauseTrigger(triggerKey(target));
      } catch (SchedulerException e) {
        throw failure("pause", target, e);
      }
    }
    return new ScheduleChange.Changed(
        Action.PAUSED, withState(current.get(), State.PAUSED), dryRun);
  }

  /**
   * Lets {@code target}'s paused schedule fire again from its next time on. Fires missed while
   * paused are not made up: the operator paused them on purpose.
   */
  public ScheduleChange resume(String target, boolean dryRun) {
    Optional<ScheduleView> current = show(target);
    if (current.isEmpty()) {
      return new ScheduleChange.NoSchedule(target);
    }
    ScheduleView view = current.get();
    if (view.state() != State.PAUSED) {
      return new ScheduleChange.Unchanged("it is not paused", view);
    }
    if (!dryRun) {
      // A fresh trigger starting now, rather than resumeTrigger, which would fire a missed run.
      store(target, view.cron(), view.quartz(), view.zone());
    }
    return new ScheduleChange.Changed(Action.RESUMED, withState(view, State.ACTIVE), dryRun);
  }

  private void store(String target, String cron, String quartz, ZoneId zone) {
    JobDetail job =
        JobBuilder.newJob(ScheduledBackupJob.class)
            .withIdentity(jobKey(target))
            .withDescription("backup of " + target)
            .usingJobData(JobData.TARGET, target)
            .usingJobData(JobData.CRON, cron)
            .usingJobData(JobData.ZONE, zone.getId())
            // A backup a dead replica had started goes on in the cluster; the missed-backup
            // check reports one that never started. Re-running it could start a second one.
            .requestRecovery(false)
            .build();
    Trigger trigger =
        TriggerBuilder.newTrigger()
            .withIdentity(triggerKey(target))
            .forJob(job)
            .withDescription(cron)
            .withSchedule(
                CronScheduleBuilder.cronSchedule(quartz)
                    .inTimeZone(TimeZone.getTimeZone(zone))
                    // Down through several fire times: one backup on start, not one per fire.
                    .withMisfireHandlingInstructionFireAndProceed())
            .build();
    try {
      this.quartz.scheduler().scheduleJob(job, Set.of(trigger), true);
    } catch (SchedulerException e) {
      throw failure("store", target, e);
    }
  }

  private ScheduleView view(String target, String cron, String quartz, ZoneId zone, State state) {
    return new ScheduleView(
        target,
        cron,
        quartz,
        zone,
        state,
        CronTimes.of(quartz, zone).next(clock.instant(), SHOWN_FIRES),
        history.latest(target));
  }

  private static ScheduleView withState(ScheduleView view, State state) {
    return new ScheduleView(
        view.target(),
        view.cron(),
        view.quartz(),
        view.zone(),
        state,
        view.nextFires(),
        view.lastFire());
  }

  private static JobKey jobKey(String target) {
    return JobKey.jobKey(scheduleId(target), JobData.SCHEDULES);
  }

  private static TriggerKey triggerKey(String target) {
    return TriggerKey.triggerKey(scheduleId(target), JobData.SCHEDULES);
  }

  private static SchedulingException failure(String verb, String target, SchedulerException e) {
    return new SchedulingException(
        "Could not "
            + verb
            + " the backup schedule of "
            + target
            + " in the job store: "
            + e.getMessage()
            + ". Check that the store database is reachable, then try again.",
        e);
  }
}
