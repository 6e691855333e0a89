package io.gitlabopsbot.backup;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.JobObservation;
import io.gitlabopsbot.kubernetes.JobRequest;
import io.gitlabopsbot.kubernetes.Toolbox;
import io.gitlabopsbot.kubernetes.ToolboxScript;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backup Job the bot creates: its name, labels (how the bot finds its own Jobs again, across
 * restarts and replicas) and command, and how to read its status.
 */
public record BackupJobSpec(
    String name,
    TargetSettings target,
    List<String> command,
    String requester,
    String correlationId) {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String OPERATION = "gitlab-ops-bot/operation";
  public static final String TARGET = "gitlab-ops-bot/target";
  public static final String REQUESTER = "gitlab-ops-bot/requested-by";
  public static final String CORRELATION = "gitlab-ops-bot/correlation-id";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  public BackupJobSpec {
    command = List.copyOf(command);
  }

  static BackupJobSpec create(BackupRequest request, BackupArguments arguments, Instant now) {
    List<String> command = new ArrayList<>();
    command.add("backup-utility");
    command.addAll(arguments.arguments());
    return new BackupJobSpec(
        "gitlab-ops-bot-backup-" + STAMP.format(now),
        request.target(),
        command,
        request.requester(),
        request.correlationId());
  }

  /** Selects every backup Job the bot created for {@code target}. */
  public static EqualitySelector ours(TargetSettings target) {
    return new EqualitySelector(
        Map.of(
            MANAGED_BY,
            "gitlab-ops-bot",
            OPERATION,
            "backup",
            TARGET,
            target.name(),
            "release",
            target.helmRelease()));
  }

  JobRequest toJobRequest(BackupSettings settings) {
    return new JobRequest(
        target.namespace(),
        name,
        ours(target).labels(),
        Map.of(REQUESTER, requester, CORRELATION, correlationId),
        command,
        ToolboxScript.needsS3cmdConfig(settings.s3Tool()),
        settings.activeDeadline(),
        settings.ttlAfterFinished());
  }

  Operation createOperation(Toolbox toolbox, BackupSettings settings) {
    return new Operation(
        "kubernetes",
        "create Job " + target.namespace() + "/" + name,
        "image "
            + toolbox.image()
            + " (its entrypoint kept), args "
            + ToolboxScript.shown(
                ToolboxScript.args(command, ToolboxScript.needsS3cmdConfig(settings.s3Tool())))
            + ", pod template of the chart's backup CronJob or else Deployment "
            + toolbox.deployment());
  }

  Operation execOperation(Toolbox toolbox) {
    return new Operation(
        "kubernetes",
        "exec in pod " + toolbox.namespace() + "/" + toolbox.pod(),
        "container " + toolbox.container() + ", command " + String.join(" ", command));
  }

  /** Why a finished Job failed, from its status alone (for reports); empty unless it failed. */
  public static String failureOf(JobObservation job) {
    if (job.state() != JobObservation.State.FAILED) {
      return "";
    }
    return switch (job.reason()) {
      case "DeadlineExceeded" -> "it ran past its deadline and Kubernetes stopped it";
      case "BackoffLimitExceeded" -> "backup-utility failed (its log is in the run's thread)";
      case "" -> "it failed (no reason given)";
      default -> job.reason() + (job.message().isEmpty() ? "" : ": " + job.message());
    };
  }

  /** Why the Job or its pod failed, or empty while it has not. */
  static Optional<String> failureOf(
      JobObservation job, LogPhases.Reading log, BackupSettings settings) {
    Optional<JobObservation.PodObservation> pod = job.pod();
    String logLine = log.failure().map(line -> " Last error: `" + line + "`.").orElse("");
    if (pod.isPresent() && pod.get().evicted()) {
      return Optional.of(
          "the backup pod " + pod.get().name() + " was evicted (" + pod.get().message() + ").");
    }
    if (job.state() == JobObservation.State.FAILED) {
      String why =
          switch (job.reason()) {
            case "DeadlineExceeded" ->
                "the Job ran longer than its deadline of "
                    + BackupRun.elapsed(settings.activeDeadline())
                    + " and Kubernetes stopped it.";
            case "BackoffLimitExceeded" ->
                "the backup pod failed"
                    + pod.map(p -> p.exitCode() == null ? "" : " with exit code " + p.exitCode())
                        .orElse("")
                    + ".";
            default ->
                "the Job failed ("
                    + (job.reason().isEmpty() ? "no reason given" : job.reason())
                    + (job.message().isEmpty() ? "" : ": " + job.message())
                    + ").";
          };
      return Optional.of(why + logLine);
    }
    if (pod.isPresent() && pod.get().exitCode() != null && pod.get().exitCode() != 0) {
      return Optional.of("backup-utility exited with code " + pod.get().exitCode() + "." + logLine);
    }
    if (job.state() == JobObservation.State.SUCCEEDED && log.failure().isPresent()) {
      return Optional.of("the Job completed but its log reports an error." + logLine);
    }
    return Optional.empty();
  }
}
