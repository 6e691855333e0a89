package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.restore.InterruptedRestores;
import io.gitlabopsbot.restore.JdbcRestoreOperations;
import io.gitlabopsbot.restore.RestoreExecutor;
import io.gitlabopsbot.restore.RestoreGuard;
import io.gitlabopsbot.restore.RestoreHandler;
import io.gitlabopsbot.restore.RestoreOperations;
import io.gitlabopsbot.restore.RestorePlan;
import io.gitlabopsbot.restore.RestorePlanner;
import io.gitlabopsbot.restore.RestoreRunner;
import io.gitlabopsbot.restore.RestoreSettings;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Wires {@code /gitlab restore}: planning, the approval request, the run once approved, the
 * heartbeat of running restores, and the sweep that reports interrupted ones.
 */
final class RestoreCapability implements Capability {

  private final RestoreExecutor executor;
  private final InterruptedRestores interrupted;
  private final ExecutorService runs;
  private final List<CommandRegistration> commands;
  private final RestorePlanner planner;
  private final RestoreRunner runner;

  RestoreCapability(Wiring wiring, Approvals approvals, BackupCapability backups) {
    Core core = wiring.core();
    RestoreSettings settings =
        RestoreSettings.from(core.settings.restore(), core.settings.backup().s3Tool());
    RestoreOperations operations = operations(core);
    String ownerId = UUID.randomUUID().toString();
    ApprovalMessages messages = new ApprovalMessages();
    Workloads workloads = new Fabric8Workloads(core.kubernetes());
    this.runs = Executors.newCachedThreadPool(Core.daemonThreads("restore"));
    this.runner =
        new RestoreRunner(
            operations,
            workloads,
            new Fabric8GitLabCluster(core.kubernetes()),
            backups.service(),
            wiring.effects(),
            settings,
            core.clock,
            Sleeper.threadSleep(),
            ownerId);
    this.executor =
        new RestoreExecutor(
            approvals, messages, wiring.notifier(), core.targets, runner, operations, runs);
    this.interrupted =
        new InterruptedRestores(
            operations,
            approvals,
            wiring.notifier(),
            wiring.notificationChannel(),
            core.targets,
            core.clock,
            settings.staleAfter());
    this.planner =
        new RestorePlanner(
            backups.catalog(),
            backups.verifier(),
            workloads,
            backups.service(),
            operations,
            settings);
    this.commands =
        List.of(
            new CommandRegistration(
                RestoreHandler.SPEC,
                new RestoreHandler(
                    planner,
                    new ApprovalNotices(approvals, messages, wiring.notifier()),
                    approvals,
                    executor,
                    wiring.confirmation(),
                    settings)));
    // Beats in the CLI too: a restore run from there must not look interrupted to a serving bot.
    core.schedule(
        new Sweep(
            "restore heartbeat",
            RestoreSettings.HEARTBEAT,
            RestoreSettings.HEARTBEAT,
            () -> operations.heartbeat(ownerId, core.clock.instant())));
  }

  /** Plans restores (the migration's step 3-3 uses it too). */
  RestorePlanner planner() {
    return planner;
  }

  /** Runs planned restores (the migration's step 3-3 uses it too). */
  RestoreRunner runner() {
    return runner;
  }

  /** The guard that keeps backups from starting while a restore of their target runs. */
  static BackupService.Guard backupGuard(Core core) {
    return new RestoreGuard(operations(core));
  }

  @Override
  public List<CommandRegistration> commands() {
    return commands;
  }

  @Override
  public Map<String, Consumer<ApprovalRequest>> approvalKinds() {
    return Map.of(RestorePlan.KIND, executor::onApproved);
  }

  @Override
  public List<Sweep> sweeps() {
    return List.of(Sweep.everyMinute("interrupted restore sweep", interrupted::sweep));
  }

  private static RestoreOperations operations(Core core) {
    return new JdbcRestoreOperations(core.database.dataSource(), core.clock);
  }

  @Override
  public void close() {
    // An interrupted restore keeps its RUNNING record; the next start asks a human about it.
    runs.shutdownNow();
  }
}
