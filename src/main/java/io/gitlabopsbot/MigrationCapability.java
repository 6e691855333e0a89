package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.config.MigrationConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.Fabric8RailsSecrets;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.migration.HostSecretValues;
import io.gitlabopsbot.migration.JdbcMigrationRuns;
import io.gitlabopsbot.migration.MigrateAbortHandler;
import io.gitlabopsbot.migration.MigratePlanHandler;
import io.gitlabopsbot.migration.MigrateResumeHandler;
import io.gitlabopsbot.migration.MigrateStartHandler;
import io.gitlabopsbot.migration.MigrateStatusHandler;
import io.gitlabopsbot.migration.MigrationFollowUp;
import io.gitlabopsbot.migration.MigrationNotConfigured;
import io.gitlabopsbot.migration.MigrationPlanText;
import io.gitlabopsbot.migration.MigrationService;
import io.gitlabopsbot.migration.MigrationSetup;
import io.gitlabopsbot.migration.MigrationStartApproval;
import io.gitlabopsbot.migration.MigrationStepApprovals;
import io.gitlabopsbot.migration.steps.MigrationSteps;
import io.gitlabopsbot.migration.steps.Prerequisites;
import io.gitlabopsbot.migration.steps.RestoreSteps;
import io.gitlabopsbot.storage.S3ArchiveUploader;
import io.gitlabopsbot.storage.S3BackupStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Wires the Omnibus-to-chart migration: SSH to the host, the cluster and S3 adapters, the runbook
 * engine and its store, the migrate commands, and what happens when its approvals are granted.
 */
final class MigrationCapability implements Capability {

  /** How soon a run resumed from the command line is continued by a serving bot. */
  private static final Duration QUEUE_POLL = Duration.ofSeconds(5);

  private final Wiring wiring;
  private final MigrationFollowUp followUp;
  private final ExecutorService workers;
  private final List<CommandRegistration> commands;

  MigrationCapability(Wiring wiring, Approvals approvals, RestoreCapability restores) {
    this.wiring = wiring;
    Core core = wiring.core();
    MigrationConfig config = core.settings.migration();
    this.workers = Executors.newCachedThreadPool(Core.daemonThreads("migration-step"));
    if (config == null) {
      this.followUp = null;
      this.commands = MigrationNotConfigured.commands();
      return;
    }
    TargetSettings target = core.settings.target(config.target());
    MigrationSetup setup = new MigrationSetup(config, target);
    ApprovalNotices notices =
        new ApprovalNotices(approvals, new ApprovalMessages(), wiring.approvalNotifier());
    String channel = core.settings.slack().notificationChannel();
    MigrationService service =
        new MigrationService(
            target.name(),
            new JdbcMigrationRuns(core.database.dataSource()),
            runId ->
                MigrationSteps.forRun(
                    setup.options(runId),
                    target.railsSecretName(),
                    setup::host,
                    new S3ArchiveUploader(core.s3()),
                    new Fabric8RailsSecrets(core.kubernetes()),
                    new Fabric8Workloads(core.kubernetes()),
                    core.clock,
                    Sleeper.threadSleep(),
                    RestoreSteps.through(target, restores.planner(), restores.runner())),
            new MigrationStepApprovals(
                notices, approvals, core.targets::find, config.approvalTtl(), channel),
            workers,
            core.clock,
            core.redactor::redact,
            () -> HostSecretValues.teach(core.redactor, setup::host));
    this.followUp = new MigrationFollowUp(service, approvals, wiring.notifier(), channel);
    S3BackupStore buckets = new S3BackupStore(core.s3());
    Supplier<Prerequisites> prerequisites =
        () ->
            new Prerequisites(
                setup.options("plan"),
                target.toolboxSelector(),
                target.railsSecretName(),
                setup::host,
                new Fabric8Workloads(core.kubernetes()),
                new Fabric8GitLabCluster(core.kubernetes()),
                new Fabric8RailsSecrets(core.kubernetes()),
                buckets::bucketExists);
    this.commands =
        List.of(
            new CommandRegistration(
                MigratePlanHandler.SPEC,
                new MigratePlanHandler(
                    () -> prerequisites.get().check(),
                    () -> MigrationPlanText.message(setup.options("plan")))),
            new CommandRegistration(
                MigrateStartHandler.SPEC,
                new MigrateStartHandler(
                    service,
                    () -> prerequisites.get().check(),
                    (invocation, plan) ->
                        notices
                            .ask(
                                MigrationStartApproval.subject(
                                    config,
                                    target,
                                    invocation.caller().userId(),
                                    invocation.correlationId(),
                                    plan),
                                config.approvalTtl(),
                                invocation.caller().channelId())
                            .id())),
            new CommandRegistration(MigrateStatusHandler.SPEC, new MigrateStatusHandler(service)),
            new CommandRegistration(
                MigrateResumeHandler.SPEC, new MigrateResumeHandler(service, wiring.servingBots())),
            new CommandRegistration(MigrateAbortHandler.SPEC, new MigrateAbortHandler(service)));
  }

  @Override
  public List<CommandRegistration> commands() {
    return commands;
  }

  /** An approved plan starts a run; an approved step continues it (on the step workers). */
  @Override
  public Map<String, Consumer<ApprovalRequest>> approvalKinds() {
    if (followUp == null) {
      return Map.of();
    }
    Consumer<ApprovalRequest> carryOut = request -> followUp.onApproved(request, workers);
    return Map.of(MigrationStartApproval.KIND, carryOut, MigrationStepApprovals.KIND, carryOut);
  }

  /**
   * Every minute: pause runs whose step lost its bot; every few seconds: continue runs resumed from
   * the command line for a bot to carry on.
   */
  @Override
  public List<Sweep> sweeps() {
    if (followUp == null) {
      return List.of();
    }
    return List.of(
        new Sweep("migration sweep", Duration.ofMinutes(1), Duration.ofMinutes(1), followUp::sweep),
        new Sweep(
            "handed-over migration runs",
            QUEUE_POLL,
            QUEUE_POLL,
            () -> followUp.continueQueued(workers)));
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
