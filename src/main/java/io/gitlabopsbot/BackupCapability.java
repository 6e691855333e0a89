package io.gitlabopsbot;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.aws.AwsClients;
import io.gitlabopsbot.backup.BackupCatalog;
import io.gitlabopsbot.backup.BackupListHandler;
import io.gitlabopsbot.backup.BackupMetrics;
import io.gitlabopsbot.backup.BackupNowHandler;
import io.gitlabopsbot.backup.BackupOutcome;
import io.gitlabopsbot.backup.BackupPruneHandler;
import io.gitlabopsbot.backup.BackupRequest;
import io.gitlabopsbot.backup.BackupScheduleHandler;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.backup.BackupSettings;
import io.gitlabopsbot.backup.BackupVerifier;
import io.gitlabopsbot.backup.BackupVerifyHandler;
import io.gitlabopsbot.backup.RetentionService;
import io.gitlabopsbot.backup.RetentionSettings;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.command.NotifierProgress;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.BackupConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.scheduling.BackupSchedules;
import io.gitlabopsbot.scheduling.BotJobFactory;
import io.gitlabopsbot.scheduling.FireHistory;
import io.gitlabopsbot.scheduling.JdbcFireHistory;
import io.gitlabopsbot.scheduling.MissedBackupCheck;
import io.gitlabopsbot.scheduling.QuartzScheduling;
import io.gitlabopsbot.scheduling.ScheduleNotices;
import io.gitlabopsbot.scheduling.SchedulingSettings;
import io.gitlabopsbot.storage.BackupStore;
import io.gitlabopsbot.storage.S3BackupStore;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires the backup capability: S3 listing/verify/retention, the in-cluster backup Job, and the
 * Quartz schedules, and contributes their commands. Part of the composition root.
 */
final class BackupCapability implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackupCapability.class);
  private static final Caller SCHEDULER =
      new Caller("scheduler", null, null, "scheduler", "scheduler");

  private final Core core;
  private final Notifier notifier;
  private final S3Client s3;
  private final BackupService service;
  private final RetentionService retention;
  private final QuartzScheduling quartz;
  private final List<CommandRegistration> commands;
  private final BackupCatalog catalog;
  private final BackupVerifier verifier;
  private final BackupMetrics metrics;

  /**
   * @param extraJobs adds other capabilities' Quartz jobs to the one scheduler
   * @param guard refuses backups that must not start now (while a restore runs)
   */
  BackupCapability(
      Core core,
      Notifier notifier,
      SideEffects effects,
      java.util.function.UnaryOperator<BotJobFactory> extraJobs,
      BackupService.Guard guard) {
    this.core = core;
    this.notifier = notifier;
    BackupConfig config = core.settings.backup();
    this.s3 = new AwsClients(core.settings.aws(), core.settings.proxy()).s3();
    BackupStore store = new S3BackupStore(s3);
    this.catalog = new BackupCatalog(store, core.clock);
    this.verifier = new BackupVerifier(catalog, store);
    this.metrics = new BackupMetrics(core.meters);
    this.retention =
        new RetentionService(
            catalog,
            store,
            effects,
            core.audit,
            core.clock,
            new RetentionSettings(config.keepLast(), config.maxAge()));
    this.service =
        new BackupService(
            new Fabric8GitLabCluster(core.kubernetes()),
            effects,
            backupSettings(config),
            (bucket, key) ->
                store
                    .head(bucket, key)
                    .map(o -> OptionalLong.of(o.size()))
                    .orElse(OptionalLong.empty()),
            this::afterSuccess,
            core.clock,
            Sleeper.threadSleep(),
            guard,
            metrics);
    SchedulingSettings scheduling = schedulingSettings(config);
    FireHistory history = new JdbcFireHistory(core.database.dataSource(), core.clock);
    ScheduleNotices notices = new ScheduleNotices(notifier, channel());
    MissedBackupCheck check =
        new MissedBackupCheck(
            (target, since) ->
                catalog
                    .list(core.targets.find(target).orElseThrow().backupBucket())
                    .newestFirst()
                    .stream()
                    .anyMatch(b -> !b.name().createdAt().isBefore(since)),
            history,
            notices);
    this.quartz =
        QuartzScheduling.on(
            core.database,
            scheduling,
            extraJobs.apply(
                BotJobFactory.forBackups(
                    this::runScheduled,
                    history,
                    check,
                    notices,
                    scheduling.missedBackupDeadline())));
    BackupSchedules schedules =
        new BackupSchedules(quartz, history, core.clock, scheduling.minimumInterval());
    String slash = core.settings.slack().slashCommand();
    this.commands =
        List.of(
            new CommandRegistration(BackupNowHandler.SPEC, new BackupNowHandler(service)),
            new CommandRegistration(BackupListHandler.SPEC, new BackupListHandler(catalog)),
            new CommandRegistration(BackupVerifyHandler.SPEC, new BackupVerifyHandler(verifier)),
            new CommandRegistration(BackupPruneHandler.SPEC, new BackupPruneHandler(retention)),
            new CommandRegistration(
                BackupScheduleHandler.SPEC, new BackupScheduleHandler(schedules, slash)));
  }

  /** When the newest backup in {@code bucket} was made, for {@code /gitlab status}. */
  java.util.Optional<Instant> newestBackup(String bucket) {
    return catalog.list(bucket).newestFirst().stream().findFirst().map(b -> b.name().createdAt());
  }

  BackupService service() {
    return service;
  }

  BackupCatalog catalog() {
    return catalog;
  }

  BackupVerifier verifier() {
    return verifier;
  }

  QuartzScheduling quartz() {
    return quartz;
  }

  List<CommandRegistration> commands() {
    return commands;
  }

  /** Starts firing schedules and follows backups that were running when the bot last stopped. */
  void start(Executor background) {
    quartz.start();
    background.execute(
        () -> {
          try {
            service.reattach(
                core.targets.all(), run -> progressInNotificationChannel(), background);
          } catch (RuntimeException e) {
            log.warn(
                "could not look for backups left running by an earlier bot process [reason={}]",
                e.getMessage());
          }
        });
    background.execute(this::seedMetrics);
  }

  /** The newest backup of each target, so the metrics of a restarted bot are not empty. */
  private void seedMetrics() {
    for (TargetSettings target : core.targets.all()) {
      metrics.track(target.name());
      try {
        catalog.list(target.backupBucket()).newestFirst().stream()
            .findFirst()
            .ifPresent(b -> metrics.seed(target.name(), b.name().createdAt(), b.size()));
      } catch (RuntimeException e) {
        log.info(
            "backup metrics start empty for a target whose bucket cannot be listed [target={},"
                + " reason={}]",
            target.name(),
            e.getMessage());
      }
    }
  }

  private void runScheduled(String target, String scheduleId, Instant scheduledFireTime) {
    TargetSettings settings =
        core.targets
            .find(target)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "schedule " + scheduleId + " names unknown target " + target));
    String correlationId = "sched-" + scheduledFireTime.getEpochSecond();
    core.audit.record(
        new AuditEntry(
            core.clock.instant(),
            correlationId,
            SCHEDULER.source(),
            null,
            null,
            "scheduler",
            "backup now",
            "(scheduled " + scheduleId + ")",
            "allowed",
            "started",
            ""));
    BackupOutcome outcome =
        service.start(
            new BackupRequest(settings, List.of(), "scheduler", correlationId, false),
            progressInNotificationChannel());
    core.audit.complete(
        correlationId, outcome instanceof BackupOutcome.Succeeded ? "succeeded" : "failed", "");
    if (!(outcome instanceof BackupOutcome.Succeeded)) {
      throw new IllegalStateException("scheduled backup of " + target + " did not succeed");
    }
  }

  private void afterSuccess(BackupOutcome.Succeeded succeeded) {
    core.targets.all().stream()
        .filter(t -> t.backupBucket().equals(succeeded.bucket()))
        .forEach(
            t ->
                retention.apply(
                    t, core.settings.dryRun(), SCHEDULER, "retention-" + succeeded.key()));
  }

  private Progress progressInNotificationChannel() {
    String channel = channel();
    return channel == null ? Progress.NONE : new NotifierProgress(notifier, channel);
  }

  /** Where scheduled results and warnings go; the console stands in when Slack is not set up. */
  private String channel() {
    String channel = core.settings.slack().notificationChannel();
    return channel == null && notifier instanceof io.gitlabopsbot.message.ConsoleNotifier
        ? "console"
        : channel;
  }

  private static BackupSettings backupSettings(BackupConfig config) {
    BackupSettings d = BackupSettings.defaults();
    return new BackupSettings(
        config.s3Tool(),
        config.storageClass(),
        config.maximumBackups(),
        d.pollInterval(),
        config.activeDeadline(),
        d.ttlAfterFinished(),
        d.followGrace(),
        d.logTailLines(),
        d.logTailBytes(),
        d.apiErrorTolerance(),
        config.execFallback(),
        config.unschedulableTimeout());
  }

  private static SchedulingSettings schedulingSettings(BackupConfig config) {
    SchedulingSettings d = SchedulingSettings.defaults();
    return new SchedulingSettings(
        d.instanceId(),
        d.threadCount(),
        d.misfireThreshold(),
        d.idleWait(),
        d.clusterCheckin(),
        config.missedDeadline(),
        d.minimumInterval(),
        d.shutdownTimeout());
  }

  @Override
  public void close() {
    quartz.close();
    s3.close();
  }
}
