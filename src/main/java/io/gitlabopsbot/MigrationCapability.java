package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.MigrationConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.Fabric8RailsSecrets;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.migration.JdbcMigrationRuns;
import io.gitlabopsbot.migration.MigrateAbortHandler;
import io.gitlabopsbot.migration.MigratePlanHandler;
import io.gitlabopsbot.migration.MigrateResumeHandler;
import io.gitlabopsbot.migration.MigrateStartHandler;
import io.gitlabopsbot.migration.MigrateStatusHandler;
import io.gitlabopsbot.migration.MigrationPlanText;
import io.gitlabopsbot.migration.MigrationRun;
import io.gitlabopsbot.migration.MigrationService;
import io.gitlabopsbot.migration.MigrationStepApprovals;
import io.gitlabopsbot.migration.RunbookResult;
import io.gitlabopsbot.migration.StepProcedure;
import io.gitlabopsbot.migration.steps.MigrationSteps;
import io.gitlabopsbot.migration.steps.Prerequisites;
import io.gitlabopsbot.migration.steps.RestoreSteps;
import io.gitlabopsbot.restore.RestorePlanner;
import io.gitlabopsbot.restore.RestoreRunner;
import io.gitlabopsbot.slack.Message;
import io.gitlabopsbot.slack.MessageRef;
import io.gitlabopsbot.slack.Notifier;
import io.gitlabopsbot.slack.NotifierProgress;
import io.gitlabopsbot.slack.Sleeper;
import io.gitlabopsbot.storage.S3ArchiveUploader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires the Omnibus-to-chart migration: SSH to the host, the cluster and S3 adapters, the runbook
 * engine and its store, the migrate commands, and what happens when its approvals are granted. Part
 * of the composition root.
 */
final class MigrationCapability implements AutoCloseable {

  static final String START_KIND = "migration-start";
  private static final Logger log = LoggerFactory.getLogger(MigrationCapability.class);

  private final Core core;
  private final Notifier notifier;
  private final Approvals approvals;
  private final MigrationConfig config;
  private final TargetSettings target;
  private final MigrationService service;
  private final ExecutorService workers;
  private final S3Client s3;
  private final List<CommandRegistration> commands;
  private final java.util.concurrent.ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "migration-timer");
            thread.setDaemon(true);
            return thread;
          });

  MigrationCapability(
      Core core,
      Notifier notifier,
      Approvals approvals,
      ApprovalNotices notices,
      S3Client s3,
      RestorePlanner restorePlanner,
      RestoreRunner restoreRunner) {
    this.core = core;
    this.notifier = notifier;
    this.approvals = approvals;
    this.s3 = s3;
    this.config = core.settings.migration();
    this.target = config == null ? null : core.settings.target(config.target());
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread thread = new Thread(r, "migration-step");
              thread.setDaemon(true);
              return thread;
            });
    if (config == null) {
      this.service = null;
      this.commands = MigrationNotConfigured.commands();
      return;
    }
    MigrationWiring wiring = new MigrationWiring(core, config, target, s3);
    String channel = core.settings.slack().notificationChannel();
    this.service =
        new MigrationService(
            target.name(),
            new JdbcMigrationRuns(core.database.dataSource()),
            runId ->
                MigrationSteps.forRun(
                    wiring.options(runId),
                    target.railsSecretName(),
                    wiring::host,
                    new S3ArchiveUploader(s3, 16 * 1024 * 1024),
                    new Fabric8RailsSecrets(core.kubernetes()),
                    new Fabric8Workloads(core.kubernetes()),
                    core.clock,
                    Sleeper.threadSleep(),
                    RestoreSteps.through(target, restorePlanner, restoreRunner)),
            new MigrationStepApprovals(
                notices, approvals, core.targets::find, config.approvalTtl(), channel),
            workers,
            core.clock,
            core.redactor::redact);
    java.util.function.Supplier<Prerequisites> prerequisites =
        () ->
            new Prerequisites(
                wiring.options("plan"),
                target.toolboxSelector(),
                target.railsSecretName(),
                wiring::host,
                new Fabric8Workloads(core.kubernetes()),
                new Fabric8GitLabCluster(core.kubernetes()),
                new Fabric8RailsSecrets(core.kubernetes()),
                wiring::bucketExists);
    this.commands =
        List.of(
            new CommandRegistration(
                MigratePlanHandler.SPEC,
                new MigratePlanHandler(
                    prerequisites, () -> MigrationPlanText.message(wiring.options("plan")))),
            new CommandRegistration(
                MigrateStartHandler.SPEC,
                new MigrateStartHandler(
                    service,
                    prerequisites,
                    (invocation, plan) ->
                        notices
                            .ask(
                                startSubject(
                                    invocation.caller().userId(), invocation.correlationId(), plan),
                                config.approvalTtl(),
                                invocation.caller().channelId())
                            .id())),
            new CommandRegistration(MigrateStatusHandler.SPEC, new MigrateStatusHandler(service)),
            new CommandRegistration(MigrateResumeHandler.SPEC, new MigrateResumeHandler(service)),
            new CommandRegistration(MigrateAbortHandler.SPEC, new MigrateAbortHandler(service)));
  }

  List<CommandRegistration> commands() {
    return commands;
  }

  /**
   * Carries out an approved migration request (the plan or a step); false for other kinds. Returns
   * at once: the work runs on {@code background}.
   */
  boolean onApproved(ApprovalRequest request, java.util.concurrent.Executor background) {
    String kind = request.subject().kind();
    if (service == null || !(START_KIND.equals(kind) || MigrationStepApprovals.KIND.equals(kind))) {
      return false;
    }
    background.execute(
        () -> {
          try {
            if (START_KIND.equals(kind)) {
              start(request);
            } else {
              MigrationStepApprovals.runAndStep(request)
                  .ifPresent(
                      rs ->
                          service.approved(
                              rs.getKey(), rs.getValue(), request.id(), progressOf(rs.getKey())));
            }
          } catch (RuntimeException e) {
            log.warn(
                "approved migration request could not be carried out [approval={}]",
                request.id(),
                e);
          }
        });
    return true;
  }

  private void start(ApprovalRequest request) {
    if (!approvals.consume(request.id(), request.subject().operationHash())) {
      return;
    }
    RunbookResult created = service.create(request.subject().requesterId());
    if (created instanceof RunbookResult.Refused refused) {
      approvals.complete(request.id(), "refused: " + refused.message());
      notifier.post(request.messageChannel(), Message.of(refused.message()));
      return;
    }
    MigrationRun run = ((RunbookResult.Accepted) created).run();
    approvals.complete(request.id(), "migration run " + run.id() + " started");
    String channel =
        request.messageChannel() != null
            ? request.messageChannel()
            : core.settings.slack().notificationChannel();
    Progress progress =
        new NotifierProgress(
            notifier,
            channel,
            null,
            ref -> service.attachMessage(run.id(), ref.channel(), ref.ts()));
    service.advance(run.id(), progress);
  }

  /** Progress on the run's own message, posted anew when it has none yet. */
  private Progress progressOf(String runId) {
    MigrationRun run = service.find(runId).orElseThrow();
    MessageRef ref =
        run.messageChannel() == null ? null : new MessageRef(run.messageChannel(), run.messageTs());
    String channel = ref != null ? ref.channel() : core.settings.slack().notificationChannel();
    return new NotifierProgress(
        notifier,
        channel,
        ref,
        posted -> service.attachMessage(runId, posted.channel(), posted.ts()));
  }

  /** Starts the every-minute sweep for runs whose step lost its bot. */
  void start() {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            sweep();
          } catch (RuntimeException e) {
            log.warn("migration sweep failed [reason={}]", e.getMessage());
          }
        },
        1,
        1,
        java.util.concurrent.TimeUnit.MINUTES);
  }

  /** Pauses runs whose step lost its bot and says so on their messages; runs every minute. */
  void sweep() {
    if (service == null) {
      return;
    }
    for (MigrationRun run : service.recoverStale()) {
      try {
        progressOf(run.id())
            .update(Message.of("⏸️ Migration run `" + run.id() + "` paused: " + run.detail()));
      } catch (RuntimeException e) {
        log.warn("could not report the paused migration run [run={}]", run.id(), e);
      }
    }
  }

  private ApprovalSubject startSubject(
      String requester, String correlationId, List<StepProcedure> plan) {
    StringBuilder steps = new StringBuilder();
    plan.forEach(step -> steps.append(step.id()).append(' ').append(step.title()).append('\n'));
    return new ApprovalSubject(
        START_KIND,
        target.name(),
        target.namespace(),
        target.helmRelease(),
        Map.of(
            "host",
            config.user() + "@" + config.host() + ":" + config.port(),
            "steps",
            steps.toString().strip(),
            "note",
            "steps 1-4, 3-1 and 3-3 each ask for their own approval"),
        requester,
        correlationId);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    workers.shutdownNow();
    s3.close();
  }
}
