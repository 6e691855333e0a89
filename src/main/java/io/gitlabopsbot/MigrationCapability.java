package io.gitlabopsbot;

import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.config.MigrationConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.Fabric8RailsSecrets;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.migration.HostSecretValues;
import io.gitlabopsbot.migration.JdbcMigrationRuns;
import io.gitlabopsbot.migration.MigrateAbortHandler;
import io.gitlabopsbot.migration.MigratePlanHandler;
import io.gitlabopsbot.migration.MigrateResumeHandler;
import io.gitlabopsbot.migration.MigrateStartHandler;
import io.gitlabopsbot.migration.MigrateStatusHandler;
import io.gitlabopsbot.migration.MigrationPlanText;
import io.gitlabopsbot.migration.MigrationService;
import io.gitlabopsbot.migration.MigrationStepApprovals;
import io.gitlabopsbot.migration.ServingBots;
import io.gitlabopsbot.migration.StepProcedure;
import io.gitlabopsbot.migration.steps.MigrationSteps;
import io.gitlabopsbot.migration.steps.Prerequisites;
import io.gitlabopsbot.migration.steps.RestoreSteps;
import io.gitlabopsbot.restore.RestorePlanner;
import io.gitlabopsbot.restore.RestoreRunner;
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

  /** How soon a run resumed from the command line is continued by a serving bot. */
  private static final java.time.Duration QUEUE_POLL = java.time.Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(MigrationCapability.class);

  private final Core core;
  private final Notifier notifier;
  private final Approvals approvals;
  private final MigrationConfig config;
  private final TargetSettings target;
  private final MigrationService service;
  private final MigrationFollowUp followUp;
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
      RestoreRunner restoreRunner,
      ServingBots servingBots) {
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
      this.followUp = null;
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
                    new S3ArchiveUploader(s3),
                    new Fabric8RailsSecrets(core.kubernetes()),
                    new Fabric8Workloads(core.kubernetes()),
                    core.clock,
                    Sleeper.threadSleep(),
                    RestoreSteps.through(target, restorePlanner, restoreRunner)),
            new MigrationStepApprovals(
                notices, approvals, core.targets::find, config.approvalTtl(), channel),
            workers,
            core.clock,
            core.redactor::redact,
            () -> maskHostSecrets(wiring::host, core.redactor));
    this.followUp =
        new MigrationFollowUp(
            service, approvals, notifier, core.settings.slack().notificationChannel());
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
                    () -> prerequisites.get().check(),
                    () -> MigrationPlanText.message(wiring.options("plan")))),
            new CommandRegistration(
                MigrateStartHandler.SPEC,
                new MigrateStartHandler(
                    service,
                    () -> prerequisites.get().check(),
                    (invocation, plan) ->
                        notices
                            .ask(
                                startSubject(
                                    invocation.caller().userId(), invocation.correlationId(), plan),
                                config.approvalTtl(),
                                invocation.caller().channelId())
                            .id())),
            new CommandRegistration(MigrateStatusHandler.SPEC, new MigrateStatusHandler(service)),
            new CommandRegistration(
                MigrateResumeHandler.SPEC, new MigrateResumeHandler(service, servingBots)),
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
    return followUp != null && followUp.onApproved(request, background);
  }

  /**
   * Starts the every-minute sweep for runs whose step lost its bot, and the look every few seconds
   * for runs resumed from the command line for a bot to continue.
   */
  void start() {
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (followUp != null) {
              followUp.continueQueued(workers);
            }
          } catch (RuntimeException e) {
            log.warn("looking for handed-over migration runs failed [reason={}]", e.getMessage());
          }
        },
        QUEUE_POLL.toMillis(),
        QUEUE_POLL.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
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
    if (followUp != null) {
      followUp.sweep();
    }
  }

  /**
   * Teaches the bot's redactor (logs, audit, Slack, step output) every value of the host's
   * gitlab-secrets.json, so commands that print one (reconfigure, rake tasks) show it masked.
   */
  private static void maskHostSecrets(
      java.util.function.Supplier<io.gitlabopsbot.ssh.RemoteHost> hosts,
      io.gitlabopsbot.access.Redactor redactor) {
    try (io.gitlabopsbot.ssh.RemoteHost host = hosts.get()) {
      redactor.learn(
          HostSecretValues.of(host.readText(HostSecretValues.PATH, HostSecretValues.MAX_BYTES)));
    } catch (RuntimeException e) {
      // Known secret shapes are still masked; the run goes on, as the prerequisites read the file.
      log.warn(
          "could not read the host's secrets to mask them in output [file={}, reason={}]",
          HostSecretValues.PATH,
          e.getMessage());
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
