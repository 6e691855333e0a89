package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.restore.Confirmation;
import io.gitlabopsbot.restore.InterruptedRestores;
import io.gitlabopsbot.restore.JdbcRestoreOperations;
import io.gitlabopsbot.restore.RestoreExecutor;
import io.gitlabopsbot.restore.RestoreGuard;
import io.gitlabopsbot.restore.RestoreHandler;
import io.gitlabopsbot.restore.RestoreOperations;
import io.gitlabopsbot.restore.RestorePlanner;
import io.gitlabopsbot.restore.RestoreRunner;
import io.gitlabopsbot.restore.RestoreSettings;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@code /gitlab restore}: planning, the approval request, the run once approved, the
 * heartbeat of running restores, and the every-minute sweeps (expired approvals, interrupted
 * restores). Part of the composition root.
 */
final class RestoreCapability implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RestoreCapability.class);

  private final ApprovalNotices notices;
  private final RestoreExecutor executor;
  private final InterruptedRestores interrupted;
  private final ScheduledExecutorService timer;
  private final ExecutorService runs;
  private final List<CommandRegistration> commands;
  private final RestorePlanner planner;
  private final Approvals approvals;
  private final RestoreRunner runner;

  RestoreCapability(
      Core core,
      Notifier notifier,
      SideEffects effects,
      BackupCapability backups,
      Approvals approvals,
      Workloads workloads,
      Confirmation confirmation) {
    this.approvals = approvals;
    RestoreSettings settings =
        RestoreSettings.from(core.settings.restore(), core.settings.backup().s3Tool());
    RestoreOperations operations = operations(core);
    String ownerId = UUID.randomUUID().toString();
    ApprovalMessages messages = new ApprovalMessages();
    this.notices = new ApprovalNotices(approvals, messages, notifier);
    this.runs = Executors.newCachedThreadPool(daemon("restore"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("restore-timer"));
    this.runner =
        new RestoreRunner(
            operations,
            workloads,
            new Fabric8GitLabCluster(core.kubernetes()),
            backups.service(),
            effects,
            settings,
            core.clock,
            Sleeper.threadSleep(),
            ownerId);
    this.executor =
        new RestoreExecutor(approvals, messages, notifier, core.targets, runner, operations, runs);
    this.interrupted =
        new InterruptedRestores(
            operations,
            approvals,
            notifier,
            channel(core, notifier),
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
                new RestoreHandler(planner, notices, approvals, executor, confirmation, settings)));
    long beat = RestoreSettings.HEARTBEAT.toSeconds();
    // Runs in the CLI too: a restore run from there must not look interrupted to a serving bot.
    timer.scheduleWithFixedDelay(
        guarded("restore heartbeat", () -> operations.heartbeat(ownerId, core.clock.instant())),
        beat,
        beat,
        TimeUnit.SECONDS);
  }

  /** The approval service restores use (shared with the migration's approvals). */
  Approvals approvals() {
    return approvals;
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

  /** The Deployments and pods of the release, through the shared Kubernetes client. */
  static Workloads workloads(Core core) {
    return new Fabric8Workloads(core.kubernetes());
  }

  List<CommandRegistration> commands() {
    return commands;
  }

  /** For the approval buttons: runs restores a click approved. Returns at once. */
  void onApproved(ApprovalRequest request) {
    executor.onApproved(request);
  }

  /** Every minute, from now on: expire overdue approvals and report interrupted restores. */
  void start() {
    timer.scheduleWithFixedDelay(
        guarded("approval expiry sweep", notices::sweepExpired), 0, 1, TimeUnit.MINUTES);
    timer.scheduleWithFixedDelay(
        guarded("interrupted restore sweep", interrupted::sweep), 0, 1, TimeUnit.MINUTES);
  }

  private static RestoreOperations operations(Core core) {
    return new JdbcRestoreOperations(core.database.dataSource(), core.clock);
  }

  private static String channel(Core core, Notifier notifier) {
    String channel = core.settings.slack().notificationChannel();
    return channel == null && notifier instanceof ConsoleNotifier ? "console" : channel;
  }

  /** A scheduled task that survives its own failure (a failing task is never run again). */
  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("{} failed; it runs again shortly [reason={}]", what, e.getMessage());
      }
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    timer.shutdownNow();
    // An interrupted restore keeps its RUNNING record; the next start asks a human about it.
    runs.shutdownNow();
  }
}
