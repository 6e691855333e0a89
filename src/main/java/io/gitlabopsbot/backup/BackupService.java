package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.JobObservation;
import io.gitlabopsbot.kubernetes.Toolbox;
import io.gitlabopsbot.kubernetes.ToolboxLookup;
import java.time.Clock;
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
  private final BackupResults results;
  private final ToolboxExecBackup execFallback;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Guard guard;

  /** Says why a backup must not start now (e.g. a restore of the target is running). */
  @FunctionalInterface
  public interface Guard {

    /** Empty when {@code request} may start; else one sentence saying why not and what to do. */
    Optional<String> refusal(BackupRequest request);

    /** Lets every backup start. */
    Guard NONE = request -> Optional.empty();
  }

  /** A service without a guard: nothing but a running backup stops a new one. */
  public BackupService(
      GitLabCluster cluster,
      SideEffects effects,
      BackupSettings settings,
      BiFunction<String, String, OptionalLong> objectSize,
      Consumer<BackupOutcome.Succeeded> afterSuccess,
      Clock clock,
      Sleeper sleeper) {
    this(cluster, effects, settings, objectSize, afterSuccess, clock, sleeper, Guard.NONE);
  }

  /**
   * @param objectSize size of an S3 object by bucket and key, empty when it does not exist
   * @param afterSuccess runs after each confirmed backup (retention); its failure is reported, not
   *     thrown
   * @param guard asked before every start; a refusal stops the backup before anything is created
   */
  public BackupService(
      GitLabCluster cluster,
      SideEffects effects,
      BackupSettings settings,
      BiFunction<String, String, OptionalLong> objectSize,
      Consumer<BackupOutcome.Succeeded> afterSuccess,
      Clock clock,
      Sleeper sleeper,
      Guard guard) {
    this(
        cluster,
        effects,
        settings,
        objectSize,
        afterSuccess,
        clock,
        sleeper,
        guard,
        BackupMetrics.NONE);
  }

  /** As above, recording every run that ends in {@code metrics}. */
  public BackupService(
      GitLabCluster cluster,
      SideEffects effects,
      BackupSettings settings,
      BiFunction<String, String, OptionalLong> objectSize,
      Consumer<BackupOutcome.Succeeded> afterSuccess,
      Clock clock,
      Sleeper sleeper,
      Guard guard,
      BackupMetrics metrics) {
    this.cluster = cluster;
    this.effects = effects;
    this.settings = settings;
    this.results = new BackupResults(objectSize, afterSuccess, metrics, clock);
    this.execFallback = new ToolboxExecBackup(cluster, effects, settings, clock, results);
    this.clock = clock;
    this.sleeper = sleeper;
    this.guard = java.util.Objects.requireNonNull(guard, "guard");
  }

  /** Starts a backup and follows it to the end, or refuses to start one. */
  public BackupOutcome start(BackupRequest request, Progress progress) {
    TargetSettings target = request.target();
    BackupArguments arguments;
    try {
      arguments = BackupArguments.of(request.skip(), settings);
    } catch (BackupArguments.UnknownComponentException e) {
      return results.finish(target, progress, new BackupOutcome.Refused(e.getMessage() + "."));
    }
    Optional<String> refusal;
    try {
      refusal = guard.refusal(request);
    } catch (RuntimeException e) {
      // Fail closed: a backup that may collide with a restore is not started.
      refusal =
          Optional.of(
              "the bot could not check whether a restore is running ("
                  + e.getMessage()
                  + "); try again in a minute");
    }
    if (refusal.isPresent()) {
      return results.finish(target, progress, new BackupOutcome.Refused(refusal.get()));
    }
    Toolbox toolbox;
    try {
      List<BackupRun> running = running(target);
      if (!running.isEmpty()) {
        return results.finish(
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
        return results.finish(target, progress, new BackupOutcome.Refused(unavailable.reason()));
      }
      toolbox = ((ToolboxLookup.Found) lookup).toolbox();
    } catch (ClusterException e) {
      return results.finish(target, progress, new BackupOutcome.Failed(e.getMessage() + ".", ""));
    }
    BackupJobSpec spec = BackupJobSpec.create(request, arguments, clock.instant());
    Operation create = spec.createOperation(toolbox, settings);
    SideEffects gate = request.dryRun() ? effects.forcedDryRun(op -> {}) : effects;
    Optional<String> created;
    try {
      created = gate.perform(create, () -> cluster.createJob(spec.toJobRequest(settings), toolbox));
    } catch (ClusterException.Forbidden e) {
      if (!settings.execFallback()) {
        return results.finish(
            target,
            progress,
            new BackupOutcome.Failed(
                e.getMessage()
                    + ". Grant it `create` on `jobs` (manifests/role.yaml), or opt in to running"
                    + " backup-utility inside the toolbox pod: `backup.execFallback: true` with"
                    + " manifests/optional/role-toolbox-exec.yaml.",
                ""));
      }
      log.warn("creating the backup Job is forbidden, running it in the toolbox pod instead");
      return execFallback.run(spec, toolbox, progress);
    } catch (ClusterException.AdmissionDenied e) {
      // A policy refused this Job on purpose: running the same thing by exec would defeat it.
      return results.finish(
          target,
          progress,
          new BackupOutcome.Failed(
              e.getMessage() + ". Nothing was started; check the policy with your cluster admin.",
              ""));
    } catch (ClusterException.AlreadyExists e) {
      return results.finish(
          target,
          progress,
          new BackupOutcome.Refused(
              "Job `" + spec.name() + "` already exists; another backup was just started."));
    } catch (ClusterException e) {
      return results.finish(target, progress, new BackupOutcome.Failed(e.getMessage() + ".", ""));
    }
    if (created.isEmpty()) {
      return new BackupOutcome.DryRun(create.describe());
    }
    BackupRun run =
        new BackupRun(
            target, created.get(), request.requester(), request.correlationId(), clock.instant());
    return follower(run, progress).follow();
  }

  /** The newest backup Job the bot started for {@code target}, finished or not. */
  public Optional<JobObservation> lastRun(TargetSettings target) {
    return cluster.findJobs(target.namespace(), BackupJobSpec.ours(target)).stream()
        .filter(job -> job.created() != null)
        .max(Comparator.comparing(JobObservation::created));
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
                  () -> follower(run, progressFor.apply(run)).follow(), executor));
        }
      } catch (ClusterException e) {
        followed.add(CompletableFuture.failedFuture(e));
      }
    }
    return followed;
  }

  private BackupJobFollower follower(BackupRun run, Progress progress) {
    return new BackupJobFollower(
        cluster, effects, settings, clock, sleeper, results, run, progress);
  }
}
