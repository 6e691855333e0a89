package io.gitlabopsbot.backup;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.kubernetes.JobObservation;
import java.time.Duration;
import java.time.Instant;

/**
 * One backup that the bot started in the cluster, identified by its Job.
 *
 * @param requester who asked for it, from the Job's annotation ({@code unknown} if missing)
 */
public record BackupRun(
    TargetSettings target,
    String jobName,
    String requester,
    String correlationId,
    Instant startedAt) {

  /** Rebuilds a run from one of our Jobs, e.g. after a restart. */
  static BackupRun of(JobObservation job, TargetSettings target, Instant fallbackStart) {
    return new BackupRun(
        target,
        job.name(),
        job.annotations().getOrDefault(BackupJobSpec.REQUESTER, "unknown"),
        job.annotations().getOrDefault(BackupJobSpec.CORRELATION, "-"),
        job.created() == null ? fallbackStart : job.created());
  }

  /** E.g. {@code Job `gitlab-ops-bot-backup-20260101-010000`, started 12m ago by <@U123>}. */
  String describe(Instant now) {
    return "Job `"
        + jobName
        + "`, started "
        + elapsed(Duration.between(startedAt, now))
        + " ago by "
        + (requester.matches("[UW][A-Z0-9]+") ? "<@" + requester + ">" : requester);
  }

  /** A human duration: {@code 42s}, {@code 12m}, {@code 1h 05m}. */
  static String elapsed(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    return minutes < 60 ? minutes + "m" : String.format("%dh %02dm", minutes / 60, minutes % 60);
  }
}
