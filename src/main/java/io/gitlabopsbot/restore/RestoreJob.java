package io.gitlabopsbot.restore;

import io.gitlabopsbot.backup.BackupJobSpec;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.JobObservation;
import io.gitlabopsbot.kubernetes.JobRequest;
import io.gitlabopsbot.kubernetes.Toolbox;
import io.gitlabopsbot.kubernetes.ToolboxLookup;
import io.gitlabopsbot.kubernetes.ToolboxScript;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs {@code backup-utility --restore} as a Job from the toolbox pod template, like backups, so it
 * keeps running if the bot restarts; and follows it to its end.
 */
final class RestoreJob {

  /** The annotation that ties the Job to its restore record. */
  static final String RESTORE_ID = "gitlab-ops-bot/restore-id";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final Duration FOLLOW_GRACE = Duration.ofMinutes(15);
  private static final int LOG_LINES = 200;
  private static final int LOG_BYTES = 64 * 1024;

  private final GitLabCluster cluster;
  private final SideEffects effects;
  private final RestoreSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;

  RestoreJob(
      GitLabCluster cluster,
      SideEffects effects,
      RestoreSettings settings,
      Clock clock,
      Sleeper sleeper) {
    this.cluster = cluster;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Selects every restore Job the bot created for {@code target}. */
  static EqualitySelector ours(TargetSettings target) {
    return new EqualitySelector(
        Map.of(
            BackupJobSpec.MANAGED_BY,
            "gitlab-ops-bot",
            BackupJobSpec.OPERATION,
            "restore",
            BackupJobSpec.TARGET,
            target.name(),
            "release",
            target.helmRelease()));
  }

  /** Creates the Job and returns its name. */
  String create(RestorePlan plan, String restoreId) {
    TargetSettings target = plan.target();
    ToolboxLookup lookup =
        cluster.findToolbox(
            target.namespace(),
            EqualitySelector.parse(target.toolboxSelector()).with("release", target.helmRelease()));
    if (lookup instanceof ToolboxLookup.Unavailable unavailable) {
      throw new RestoreStepException(unavailable.reason());
    }
    Toolbox toolbox = ((ToolboxLookup.Found) lookup).toolbox();
    String name = "gitlab-ops-bot-restore-" + STAMP.format(clock.instant());
    JobRequest request =
        new JobRequest(
            target.namespace(),
            name,
            ours(target).labels(),
            Map.of(
                BackupJobSpec.REQUESTER,
                plan.requesterId(),
                BackupJobSpec.CORRELATION,
                String.valueOf(plan.correlationId()),
                RESTORE_ID,
                restoreId),
            plan.command(settings.s3Tool()),
            ToolboxScript.needsS3cmdConfig(settings.s3Tool()),
            settings.activeDeadline(),
            settings.ttlAfterFinished());
    Operation create =
        new Operation(
            "kubernetes",
            "create Job " + target.namespace() + "/" + name,
            "image "
                + toolbox.image()
                + " (its entrypoint kept), args "
                + ToolboxScript.shown(request.containerArgs())
                + ", pod template of the chart's backup CronJob or else Deployment "
                + toolbox.deployment());
    return effects
        .perform(create, () -> cluster.createJob(request, toolbox))
        .orElseThrow(() -> new RestoreStepException("dry-run: the restore Job was not created"));
  }

  /** Polls the Job until it succeeds; throws when it fails, vanishes or outlives its deadline. */
  void follow(String namespace, String job, Instant started, Consumer<String> show) {
    Instant giveUp = started.plus(settings.activeDeadline()).plus(FOLLOW_GRACE);
    int errors = 0;
    while (true) {
      if (clock.instant().isAfter(giveUp)) {
        throw RestoreStepException.jobLost(
            lost(namespace, job, "it did not end within its deadline"), null);
      }
      Optional<JobObservation> seen;
      try {
        seen = cluster.observeJob(namespace, job);
        errors = 0;
      } catch (ClusterException e) {
        if (++errors > settings.apiErrorTolerance()) {
          throw RestoreStepException.jobLost(lost(namespace, job, e.getMessage()), e);
        }
        sleeper.sleep(settings.pollInterval());
        continue;
      }
      if (seen.isEmpty()) {
        throw new RestoreStepException("Job `" + job + "` was deleted before it finished");
      }
      JobObservation observed = seen.get();
      Optional<JobObservation.PodObservation> pod = observed.pod();
      Integer exit = pod.map(JobObservation.PodObservation::exitCode).orElse(null);
      if (observed.state() == JobObservation.State.FAILED || (exit != null && exit != 0)) {
        String why =
            observed.state() == JobObservation.State.FAILED
                ? "the restore Job failed ("
                    + (observed.reason().isEmpty() ? "no reason given" : observed.reason())
                    + (observed.message().isEmpty() ? "" : ": " + observed.message())
                    + ")"
                : "backup-utility --restore exited with code " + exit;
        throw new RestoreStepException(
            why, pod.map(p -> tail(namespace, p.name())).orElse(""), null);
      }
      if (observed.state() == JobObservation.State.SUCCEEDED) {
        return;
      }
      show.accept(
          "Job `"
              + job
              + "` "
              + (pod.isEmpty() || pod.get().pending() ? "is starting" : "is restoring")
              + " · "
              + RestoreTexts.elapsed(Duration.between(started, clock.instant())));
      sleeper.sleep(settings.pollInterval());
    }
  }

  private String tail(String namespace, String pod) {
    try {
      return cluster.logTail(namespace, pod, LOG_LINES, LOG_BYTES);
    } catch (ClusterException e) {
      return "(the log could not be read: " + e.getMessage() + ")";
    }
  }

  private static String lost(String namespace, String job, String why) {
    return "the bot lost track of Job `"
        + job
        + "` ("
        + why
        + "); it may still be running. Check `kubectl -n "
        + namespace
        + " get job "
        + job
        + "`";
  }
}
