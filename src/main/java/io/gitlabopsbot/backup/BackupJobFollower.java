package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.JobObservation;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls one backup Job until it ends, showing phase and elapsed time in one message. */
final class BackupJobFollower {

  private static final Logger log = LoggerFactory.getLogger(BackupJobFollower.class);

  /**
   * How long a container may wait for a reason that will not pass by itself (image pull, missing
   * Secret, crashing init container) before the backup is failed: long enough to see the kubelet
   * retry once, short enough that the person who asked learns it within a minute.
   */
  static final Duration START_GRACE = Duration.ofSeconds(45);

  private final GitLabCluster cluster;
  private final SideEffects effects;
  private final BackupSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final BackupResults results;
  private final BackupRun run;
  private final Progress progress;
  private String shown;
  private Instant stuckSince;

  BackupJobFollower(
      GitLabCluster cluster,
      SideEffects effects,
      BackupSettings settings,
      Clock clock,
      Sleeper sleeper,
      BackupResults results,
      BackupRun run,
      Progress progress) {
    this.cluster = cluster;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.results = results;
    this.run = run;
    this.progress = progress;
  }

  BackupOutcome follow() {
    TargetSettings target = run.target();
    Instant giveUp = run.startedAt().plus(settings.activeDeadline()).plus(settings.followGrace());
    String logTail = "";
    int apiErrors = 0;
    while (true) {
      if (clock.instant().isAfter(giveUp)) {
        return finish(target, progress, lost("it did not finish within its deadline"), logTail);
      }
      Optional<JobObservation> seen;
      try {
        seen = cluster.observeJob(target.namespace(), run.jobName());
        apiErrors = 0;
      } catch (ClusterException e) {
        if (++apiErrors > settings.apiErrorTolerance()) {
          return finish(target, progress, lost(e.getMessage()), logTail);
        }
        sleeper.sleep(settings.pollInterval());
        continue;
      }
      if (seen.isEmpty()) {
        return finish(
            target,
            progress,
            "Job `" + run.jobName() + "` was deleted before it finished.",
            logTail);
      }
      JobObservation job = seen.get();
      logTail = readLog(job).orElse(logTail);
      LogPhases.Reading reading = LogPhases.read(logTail);
      Optional<String> failure = BackupJobSpec.failureOf(job, reading, settings);
      if (failure.isPresent()) {
        return finish(target, progress, failure.get(), logTail);
      }
      if (job.state() == JobObservation.State.SUCCEEDED) {
        Duration took = Duration.between(run.startedAt(), clock.instant());
        return results.finish(target, progress, results.confirmed(reading, took, logTail));
      }
      Optional<JobObservation.PodObservation> stuck =
          job.pod().filter(JobObservation.PodObservation::cannotStart);
      if (stuck.isPresent()) {
        Optional<String> given = stuck(stuck.get());
        if (given.isPresent()) {
          return finish(target, progress, given.get(), logTail);
        }
        sleeper.sleep(settings.pollInterval());
        continue;
      }
      stuckSince = null;
      show(phaseOf(job, reading));
      sleeper.sleep(settings.pollInterval());
    }
  }

  /**
   * Shows why the pod cannot start; after its grace, deletes the Job (so it neither starts hours
   * later nor blocks the next backup) and returns the reason the backup failed.
   */
  private Optional<String> stuck(JobObservation.PodObservation pod) {
    Instant now = clock.instant();
    if (stuckSince == null) {
      stuckSince = now;
    }
    Duration grace = pod.unschedulable() ? settings.unschedulableTimeout() : START_GRACE;
    String where = "`kubectl -n " + run.target().namespace() + " describe pod " + pod.name() + "`";
    if (now.isBefore(stuckSince.plus(grace))) {
      showText(
          ":warning: Backup of `"
              + run.target().name()
              + "`: *Cannot start* — "
              + pod.startProblem()
              + ". Reported failed if it still cannot start after "
              + BackupRun.elapsed(grace)
              + " · Job `"
              + run.jobName()
              + "` · reference `"
              + run.correlationId()
              + "`");
      return Optional.empty();
    }
    String deleted;
    try {
      effects.run(
          new Operation(
              "kubernetes",
              "delete Job " + run.target().namespace() + "/" + run.jobName(),
              "its pod could not start"),
          () -> cluster.deleteJob(run.target().namespace(), run.jobName()));
      deleted = " The Job was deleted so it cannot start later or block the next backup.";
    } catch (ClusterException e) {
      deleted =
          " The Job could not be deleted ("
              + e.getMessage()
              + "): run `kubectl -n "
              + run.target().namespace()
              + " delete job "
              + run.jobName()
              + "`, or the next backup is refused while it exists.";
    }
    return Optional.of(
        "the backup pod could not start for "
            + BackupRun.elapsed(Duration.between(stuckSince, now))
            + ": "
            + pod.startProblem()
            + ". "
            + where
            + " shows the details."
            + deleted);
  }

  private Optional<String> readLog(JobObservation job) {
    Optional<JobObservation.PodObservation> pod = job.pod().filter(p -> !p.pending());
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          cluster.logTail(
              run.target().namespace(),
              pod.get().name(),
              settings.logTailLines(),
              settings.logTailBytes()));
    } catch (ClusterException e) {
      // The Job status decides the outcome; a log that cannot be read now is read next time.
      log.debug("could not read the backup log [job={}]", run.jobName(), e);
      return Optional.empty();
    }
  }

  private BackupPhase phaseOf(JobObservation job, LogPhases.Reading reading) {
    if (job.pod().isEmpty() || job.pod().get().pending()) {
      return BackupPhase.QUEUED;
    }
    return switch (reading.phase()) {
      case QUEUED, FAILED -> BackupPhase.RUNNING;
      case COMPLETED -> BackupPhase.UPLOADING; // printed, but the Job has not ended yet
      default -> reading.phase();
    };
  }

  private void show(BackupPhase phase) {
    String text =
        phase.emoji()
            + " Backup of `"
            + run.target().name()
            + "`: *"
            + phase.label()
            + "* — "
            + BackupRun.elapsed(Duration.between(run.startedAt(), clock.instant()))
            + " elapsed · Job `"
            + run.jobName()
            + "` · reference `"
            + run.correlationId()
            + "`";
    showText(text);
  }

  private void showText(String text) {
    if (!text.equals(shown)) { // Slack rate-limits updates; only send real changes
      progress.update(Message.of(text));
      shown = text;
    }
  }

  private String lost(String why) {
    return "the bot lost track of Job `"
        + run.jobName()
        + "` ("
        + why
        + "); it may still be running. Check `kubectl -n "
        + run.target().namespace()
        + " get job "
        + run.jobName()
        + "`.";
  }

  private BackupOutcome finish(
      TargetSettings target, Progress progress, String reason, String logTail) {
    return results.finish(target, progress, new BackupOutcome.Failed(reason, logTail));
  }
}
