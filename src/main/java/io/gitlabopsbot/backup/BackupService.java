package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.ExecResult;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.JobObservation;
import io.gitlabopsbot.kubernetes.Toolbox;
import io.gitlabopsbot.kubernetes.ToolboxLookup;
import io.gitlabopsbot.slack.Message;
import io.gitlabopsbot.slack.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code backup-utility} as a Kubernetes Job built from the toolbox, one at a time per target
 * (checked against the cluster, so it holds across restarts and replicas), and follows it to the
 * end in one progress message.
 */
public final class BackupService {

  private static final Logger log = LoggerFactory.getLogger(BackupService.class);

  private final GitLabCluster cluster;
  private final SideEffects effects;
  private final BackupSettings settings;
  private final BiFunction<String, String, OptionalLong> objectSize;
  private final Consumer<BackupOutcome.Succeeded> afterSuccess;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * @param objectSize size of an S3 object by bucket and key, empty when it does not exist
   * @param afterSuccess runs after each confirmed backup (retention); its failure is reported, not
   *     thrown
   */
  public BackupService(
      GitLabCluster cluster,
      SideEffects effects,
      BackupSettings settings,
      BiFunction<String, String, OptionalLong> objectSize,
      Consumer<BackupOutcome.Succeeded> afterSuccess,
      Clock clock,
      Sleeper sleeper) {
    this.cluster = cluster;
    this.effects = effects;
    this.settings = settings;
    this.objectSize = objectSize;
    this.afterSuccess = afterSuccess;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Starts a backup and follows it to the end, or refuses to start one. */
  public BackupOutcome start(BackupRequest request, Progress progress) {
    TargetSettings target = request.target();
    BackupArguments arguments;
    try {
      arguments = BackupArguments.of(request.skip(), settings);
    } catch (BackupArguments.UnknownComponentException e) {
      return finish(target, progress, new BackupOutcome.Refused(e.getMessage() + "."));
    }
    Toolbox toolbox;
    try {
      List<BackupRun> running = running(target);
      if (!running.isEmpty()) {
        return finish(
            target,
            progress,
            new BackupOutcome.Refused(
                "a backup is already running: "
                    + running.get(0).describe(clock.instant())
                    + ". Wait for it to finish; its message shows the progress."));
      }
      ToolboxLookup lookup =
          cluster.findToolbox(
              target.namespace(),
              EqualitySelector.parse(target.toolboxSelector())
                  .with("release", target.helmRelease()));
      if (lookup instanceof ToolboxLookup.Unavailable unavailable) {
        return finish(target, progress, new BackupOutcome.Refused(unavailable.reason()));
      }
      toolbox = ((ToolboxLookup.Found) lookup).toolbox();
    } catch (ClusterException e) {
      return finish(target, progress, new BackupOutcome.Failed(e.getMessage() + ".", ""));
    }
    BackupJobSpec spec = BackupJobSpec.create(request, arguments, clock.instant());
    Operation create = spec.createOperation(toolbox);
    SideEffects gate = request.dryRun() ? effects.forcedDryRun(op -> {}) : effects;
    Optional<String> created;
    try {
      created = gate.perform(create, () -> cluster.createJob(spec.toJobRequest(settings), toolbox));
    } catch (ClusterException.Forbidden e) {
      log.warn("creating the backup Job is forbidden, running it in the toolbox pod instead");
      return runInToolbox(spec, toolbox, progress);
    } catch (ClusterException.AlreadyExists e) {
      return finish(
          target,
          progress,
          new BackupOutcome.Refused(
              "Job `" + spec.name() + "` already exists; another backup was just started."));
    } catch (ClusterException e) {
      return finish(target, progress, new BackupOutcome.Failed(e.getMessage() + ".", ""));
    }
    if (created.isEmpty()) {
      return new BackupOutcome.DryRun(create.describe());
    }
    BackupRun run =
        new BackupRun(
            target, created.get(), request.requester(), request.correlationId(), clock.instant());
    return new JobFollower(run, progress).follow();
  }

  /** Our backup Jobs for {@code target} that have not finished, oldest first. */
  public List<BackupRun> running(TargetSettings target) {
    return cluster.findJobs(target.namespace(), BackupJobSpec.ours(target)).stream()
        .filter(JobObservation::active)
        .map(job -> BackupRun.of(job, target, clock.instant()))
        .sorted(Comparator.comparing(BackupRun::startedAt))
        .toList();
  }

  /**
   * Follows every unfinished backup Job of {@code targets} to its end, e.g. after a restart.
   *
   * @param progressFor opens the message that reports on a run
   * @return one future per run found; a target whose Jobs cannot be listed yields a failed future
   */
  public List<CompletableFuture<BackupOutcome>> reattach(
      Collection<TargetSettings> targets,
      Function<BackupRun, Progress> progressFor,
      Executor executor) {
    List<CompletableFuture<BackupOutcome>> followed = new ArrayList<>();
    for (TargetSettings target : targets) {
      try {
        for (BackupRun run : running(target)) {
          log.info("re-attaching to backup [job={}, target={}]", run.jobName(), target.name());
          followed.add(
              CompletableFuture.supplyAsync(
                  () -> new JobFollower(run, progressFor.apply(run)).follow(), executor));
        }
      } catch (ClusterException e) {
        followed.add(CompletableFuture.failedFuture(e));
      }
    }
    return followed;
  }

  private BackupOutcome runInToolbox(BackupJobSpec spec, Toolbox toolbox, Progress progress) {
    Instant started = clock.instant();
    progress.update(
        Message.of(
            BackupPhase.RUNNING.emoji()
                + " Backup of `"
                + spec.target().name()
                + "` *Running* in toolbox pod `"
                + toolbox.pod()
                + "` (the bot may not create Jobs, so it cannot show phases or survive a restart)."));
    ExecResult result =
        effects
            .perform(
                spec.execOperation(toolbox),
                () ->
                    cluster.exec(
                        toolbox.namespace(),
                        toolbox.pod(),
                        toolbox.container(),
                        spec.command(),
                        settings.activeDeadline()))
            .orElseThrow();
    LogPhases.Reading reading = LogPhases.read(result.output());
    String lastError = reading.failure().map(line -> " Last error: `" + line + "`.").orElse("");
    BackupOutcome outcome;
    if (result instanceof ExecResult.Broken broken) {
      outcome =
          new BackupOutcome.Failed(
              broken.reason() + "; the backup's result is unknown." + lastError, result.output());
    } else if (((ExecResult.Exited) result).exitCode() != 0) {
      outcome =
          new BackupOutcome.Failed(
              "backup-utility exited with code "
                  + ((ExecResult.Exited) result).exitCode()
                  + "."
                  + lastError,
              result.output());
    } else {
      outcome = confirmed(reading, Duration.between(started, clock.instant()), result.output());
    }
    return finish(spec.target(), progress, outcome);
  }

  /** Turns a log that claims success into a confirmed backup, or a failure saying what is wrong. */
  BackupOutcome confirmed(LogPhases.Reading reading, Duration duration, String logTail) {
    if (reading.failure().isPresent()) {
      return new BackupOutcome.Failed(
          "backup-utility reported an error: `" + reading.failure().get() + "`.", logTail);
    }
    if (reading.location().isEmpty()) {
      return new BackupOutcome.Failed(
          "backup-utility finished without saying where it stored the backup, so it is not"
              + " counted as one. Check the log tail and `/gitlab backup list`.",
          logTail);
    }
    LogPhases.Location location = reading.location().get();
    OptionalLong size;
    try {
      size = objectSize.apply(location.bucket(), location.key());
    } catch (RuntimeException e) {
      return new BackupOutcome.Failed(
          "backup-utility reported `"
              + location.uri()
              + "` but S3 could not be checked ("
              + e.getClass().getSimpleName()
              + "). Run `/gitlab backup verify` once S3 is reachable.",
          logTail);
    }
    if (size.isEmpty() || size.getAsLong() == 0) {
      return new BackupOutcome.Failed(
          "backup-utility reported `"
              + location.uri()
              + "` but S3 has "
              + (size.isEmpty() ? "no such object" : "an empty object")
              + ". Check the bucket and the toolbox's S3 credentials.",
          logTail);
    }
    return new BackupOutcome.Succeeded(
        location.bucket(), location.key(), size.getAsLong(), duration);
  }

  /** Shows the final state; for a failure the log tail goes to the thread. */
  BackupOutcome finish(TargetSettings target, Progress progress, BackupOutcome outcome) {
    if (outcome instanceof BackupOutcome.Failed failed && !failed.logTail().isBlank()) {
      progress.detail(
          Message.builder("Log tail of the failed backup").code(failed.logTail().strip()).build());
    }
    progress.update(outcome.toMessage(target.name()));
    if (outcome instanceof BackupOutcome.Succeeded succeeded) {
      try {
        afterSuccess.accept(succeeded);
      } catch (RuntimeException e) {
        log.warn("the after-backup step failed [key={}]", succeeded.key(), e);
        progress.detail(
            Message.of(
                ":warning: The backup is fine, but the step after it (retention) failed: "
                    + e.getClass().getSimpleName()
                    + ". See the bot log."));
      }
    }
    return outcome;
  }

  /** Polls one Job until it ends, showing phase and elapsed time in one message. */
  private final class JobFollower {
    private final BackupRun run;
    private final Progress progress;
    private String shown;

    JobFollower(BackupRun run, Progress progress) {
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
          return BackupService.this.finish(target, progress, confirmed(reading, took, logTail));
        }
        show(phaseOf(job, reading));
        sleeper.sleep(settings.pollInterval());
      }
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
      return BackupService.this.finish(target, progress, new BackupOutcome.Failed(reason, logTail));
    }
  }
}
