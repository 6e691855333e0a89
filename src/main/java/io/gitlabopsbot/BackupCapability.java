package io.gitlabopsbot;

import io.gitlabopsbot.backup.BackupCatalog;
import io.gitlabopsbot.backup.BackupListHandler;
import io.gitlabopsbot.backup.BackupMetrics;
import io.gitlabopsbot.backup.BackupNowHandler;
import io.gitlabopsbot.backup.BackupPruneHandler;
import io.gitlabopsbot.backup.BackupScheduleHandler;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.backup.BackupSettings;
import io.gitlabopsbot.backup.BackupVerifier;
import io.gitlabopsbot.backup.BackupVerifyHandler;
import io.gitlabopsbot.backup.RetentionService;
import io.gitlabopsbot.backup.RetentionSettings;
import io.gitlabopsbot.backup.ScheduledBackups;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.command.NotifierProgress;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.BackupConfig;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.scheduling.BackupSchedules;
import io.gitlabopsbot.scheduling.BotJobFactory;
import io.gitlabopsbot.scheduling.FireHistory;
import io.gitlabopsbot.scheduling.JdbcFireHistory;
import io.gitlabopsbot.scheduling.MissedBackupCheck;
import io.gitlabopsbot.scheduling.ScheduleNotices;
import io.gitlabopsbot.scheduling.SchedulingSettings;
import io.gitlabopsbot.storage.BackupStore;
import io.gitlabopsbot.storage.S3BackupStore;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the backups: S3 listing, verify and retention, the in-cluster backup Job, the Quartz
 * schedules, and their commands.
 */
final class BackupCapability implements Capability {

  private static final Logger log = LoggerFactory.getLogger(BackupCapability.class);

  private final Wiring wiring;
  private final Core core;
  private final BackupService service;
  private final BackupCatalog catalog;
  private final BackupVerifier verifier;
  private final BackupMetrics metrics;
  private final BotJobFactory jobs;
  private final List<CommandRegistration> commands;

  BackupCapability(Wiring wiring) {
    this.wiring = wiring;
    this.core = wiring.core();
    BackupConfig config = core.settings.backup();
    BackupStore store = new S3BackupStore(core.s3());
    this.catalog = new BackupCatalog(store, core.clock);
    this.verifier = new BackupVerifier(catalog, store);
    this.metrics = new BackupMetrics(core.meters);
    RetentionService retention =
        new RetentionService(
            catalog,
            store,
            wiring.effects(),
            core.audit,
            core.clock,
            new RetentionSettings(config.keepLast(), config.maxAge()));
    this.service =
        new BackupService(
            new Fabric8GitLabCluster(core.kubernetes()),
            wiring.effects(),
            BackupSettings.from(config),
            (bucket, key) ->
                store
                    .head(bucket, key)
                    .map(o -> OptionalLong.of(o.size()))
                    .orElse(OptionalLong.empty()),
            succeeded ->
                retention.afterBackup(succeeded, core.targets.all(), core.settings.dryRun()),
            core.clock,
            Sleeper.threadSleep(),
            RestoreCapability.backupGuard(core),
            metrics);
    SchedulingSettings scheduling = SchedulingSettings.from(config);
    FireHistory history = new JdbcFireHistory(core.database.dataSource(), core.clock);
    ScheduleNotices notices = new ScheduleNotices(wiring.notifier(), wiring.notificationChannel());
    ScheduledBackups scheduled =
        new ScheduledBackups(
            service, core.targets, core.audit, core.clock, this::progressInNotificationChannel);
    this.jobs =
        BotJobFactory.forBackups(
            scheduled::run,
            history,
            new MissedBackupCheck(
                (target, since) ->
                    catalog.anySince(core.targets.find(target).orElseThrow().backupBucket(), since),
                history,
                notices),
            notices,
            scheduling.missedBackupDeadline());
    BackupSchedules schedules =
        new BackupSchedules(core.quartz(), history, core.clock, scheduling.minimumInterval());
    this.commands =
        List.of(
            new CommandRegistration(BackupNowHandler.SPEC, new BackupNowHandler(service)),
            new CommandRegistration(BackupListHandler.SPEC, new BackupListHandler(catalog)),
            new CommandRegistration(BackupVerifyHandler.SPEC, new BackupVerifyHandler(verifier)),
            new CommandRegistration(BackupPruneHandler.SPEC, new BackupPruneHandler(retention)),
            new CommandRegistration(
                BackupScheduleHandler.SPEC,
                new BackupScheduleHandler(schedules, core.settings.slack().slashCommand())));
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

  @Override
  public List<CommandRegistration> commands() {
    return commands;
  }

  @Override
  public BotJobFactory jobs(BotJobFactory others) {
    return others.with(jobs);
  }

  /** Follows backups left running by an earlier bot process, and seeds the backup metrics. */
  @Override
  public void start() {
    wiring
        .background()
        .execute(
            () -> {
              try {
                service.reattach(
                    core.targets.all(),
                    run -> progressInNotificationChannel(),
                    wiring.background());
              } catch (RuntimeException e) {
                log.warn(
                    "could not look for backups left running by an earlier bot process"
                        + " [reason={}]",
                    e.getMessage());
              }
            });
    wiring.background().execute(() -> metrics.seed(core.targets.all(), catalog));
  }

  private Progress progressInNotificationChannel() {
    String channel = wiring.notificationChannel();
    return channel == null ? Progress.NONE : new NotifierProgress(wiring.notifier(), channel);
  }
}
