package io.gitlabopsbot.restore;

import io.gitlabopsbot.backup.BackupOutcome;
import io.gitlabopsbot.backup.BackupRequest;
import io.gitlabopsbot.backup.BackupRun;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an approved restore phase by phase, recording each phase (and the replica counts before
 * anything is scaled) so an interrupted restore can be explained; on failure it scales back up and
 * says exactly what state GitLab is left in.
 */
public final class RestoreRunner {

  private static final Logger log = LoggerFactory.getLogger(RestoreRunner.class);

  private final RestoreOperations operations;
  private final BackupService backups;
  private final ReplicaControl control;
  private final RestoreJob job;
  private final Clock clock;
  private final String ownerId;

  /**
   * @param ownerId this process, so its heartbeat keeps its restores from being called interrupted
   */
  public RestoreRunner(
      RestoreOperations operations,
      Workloads workloads,
      GitLabCluster cluster,
      BackupService backups,
      SideEffects effects,
      RestoreSettings settings,
      Clock clock,
      Sleeper sleeper,
      String ownerId) {
    this.operations = operations;
    this.backups = backups;
    this.control = new ReplicaControl(workloads, effects, settings, clock, sleeper);
    this.job = new RestoreJob(cluster, effects, settings, clock, sleeper);
    this.clock = clock;
    this.ownerId = ownerId;
  }

  /** The correlation ID of the pre-restore backup of restore {@code restoreId}. */
  public static String preBackupCorrelation(String restoreId) {
    return "pre-restore-" + restoreId;
  }

  /**
   * Runs {@code plan}; the caller has claimed its approval.
   *
   * @param restoreId the ID of the restore record (the approval's ID: one run per approval)
   */
  public RestoreOutcome run(RestorePlan plan, String restoreId, Progress progress) {
    TargetSettings target = plan.target();
    Instant now = clock.instant();
    RestorePhase first = plan.preBackup() ? RestorePhase.PRE_BACKUP : RestorePhase.RECORD;
    RestoreOperation record =
        new RestoreOperation(
            restoreId,
            target.name(),
            target.namespace(),
            plan.backupId(),
            restoreId,
            plan.requesterId(),
            plan.correlationId(),
            ownerId,
            RestoreOperation.Status.RUNNING,
            first,
            Map.of(),
            null,
            null,
            null,
            null,
            now,
            now);
    if (!operations.begin(record)) {
      return new RestoreOutcome.Refused(
          target.name(),
          operations
              .active(target.name())
              .map(RestoreTexts::alreadyRunning)
              .orElse("another restore of this target was started at the same moment."));
    }
    RestoreView view = new RestoreView(plan, progress, clock);
    if (!plan.preBackup()) {
      view.skip(RestorePhase.PRE_BACKUP);
    }
    Map<String, Integer> replicas = Map.of();
    String jobName = null;
    String preBackup = null;
    try {
      enter(restoreId, view, first);
      checkNoBackupRunning(target);
      if (plan.preBackup()) {
        preBackup = preBackup(plan, restoreId, view);
      }
      enter(restoreId, view, RestorePhase.RECORD);
      replicas = control.record(target, plan.deployments());
      operations.recordReplicas(restoreId, replicas); // before anything is scaled
      view.note(RestoreTexts.counts(replicas));
      Set<String> runningBefore = control.podsBefore(plan);
      enter(restoreId, view, RestorePhase.SCALE_DOWN);
      for (String name : replicas.keySet()) {
        control.scale(target, name, 0);
      }
      control.awaitStopped(target, replicas.keySet());
      enter(restoreId, view, RestorePhase.RESTORE);
      checkNoBackupRunning(target);
      jobName = job.create(plan, restoreId);
      operations.jobName(restoreId, jobName);
      job.follow(target.namespace(), jobName, clock.instant(), view::note);
      enter(restoreId, view, RestorePhase.SCALE_UP);
      List<String> failed = control.scaleBack(target, replicas);
      if (!failed.isEmpty()) {
        throw new RestoreStepException("could not scale back " + String.join(", ", failed));
      }
      enter(restoreId, view, RestorePhase.RESTART);
      List<String> deleted = control.restart(plan, runningBefore);
      enter(restoreId, view, RestorePhase.WAIT_READY);
      control.awaitReady(plan, replicas, deleted);
      RestoreOutcome done =
          new RestoreOutcome.Succeeded(
              plan, preBackup, Duration.between(view.started(), clock.instant()));
      operations.finish(restoreId, RestoreOperation.Status.SUCCEEDED, done.summary());
      return done;
    } catch (Sleeper.InterruptedSleepException e) {
      // The bot is stopping: the record stays RUNNING, so the next start asks a human.
      throw e;
    } catch (RuntimeException e) {
      return failed(plan, restoreId, view, e, replicas, jobName, preBackup);
    }
  }

  private String preBackup(RestorePlan plan, String restoreId, RestoreView view) {
    BackupOutcome outcome =
        backups.start(
            new BackupRequest(
                plan.target(),
                List.of(),
                plan.requesterId(),
                preBackupCorrelation(restoreId),
                false),
            new Progress() {
              @Override
              public void update(Message message) {
                view.note(message.text());
              }

              @Override
              public void detail(Message message) {
                view.thread(message);
              }
            });
    if (outcome instanceof BackupOutcome.Succeeded ok) {
      return "s3://" + ok.bucket() + "/" + ok.key();
    }
    throw new RestoreStepException(
        "the pre-restore backup did not complete: "
            + outcome.toMessage(plan.target().name()).text());
  }

  private void checkNoBackupRunning(TargetSettings target) {
    List<BackupRun> running = backups.running(target);
    if (!running.isEmpty()) {
      throw new RestoreStepException(
          "a backup is running (Job `"
              + running.get(0).jobName()
              + "`); a restore never runs at the same time");
    }
  }

  private void enter(String restoreId, RestoreView view, RestorePhase phase) {
    operations.phase(restoreId, phase); // recorded first: a crash right after still says where
    view.enter(phase);
  }

  private RestoreOutcome failed(
      RestorePlan plan,
      String restoreId,
      RestoreView view,
      RuntimeException e,
      Map<String, Integer> replicas,
      String jobName,
      String preBackup) {
    RestorePhase phase = view.current() == null ? RestorePhase.RECORD : view.current();
    log.warn("restore {} failed in phase {}", restoreId, phase, e);
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof RestoreStepException step && !step.logTail().isBlank()) {
      view.thread(
          Message.builder("Log tail of the restore Job").code(step.logTail().strip()).build());
    }
    boolean jobMayStillRun = e instanceof RestoreStepException step && step.jobMayStillRun();
    List<String> stillDown = List.of();
    if (jobMayStillRun) {
      // Starting GitLab while the restore may still write its database would let users work on
      // half-restored data; it stays down until a person has seen the Job end.
      stillDown = List.copyOf(replicas.keySet());
    } else if (phase.touchesGitLab() && phase.ordinal() <= RestorePhase.SCALE_UP.ordinal()) {
      stillDown = control.scaleBack(plan.target(), replicas);
    }
    RestoreOutcome.Failed outcome =
        jobMayStillRun
            ? RestoreFailures.jobLost(plan, reason, replicas, jobName)
            : RestoreFailures.describe(
                plan, phase, reason, replicas, stillDown, jobName, preBackup);
    try {
      operations.finish(restoreId, RestoreOperation.Status.FAILED, outcome.summary());
    } catch (RuntimeException storeDown) {
      log.warn("could not record that restore {} failed", restoreId, storeDown);
    }
    return outcome;
  }
}
