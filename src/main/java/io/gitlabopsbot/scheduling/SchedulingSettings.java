package io.gitlabopsbot.scheduling;

import io.gitlabopsbot.config.BackupConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the bot's scheduler runs.
 *
 * @param instanceId this replica's ID in the Quartz cluster; {@code AUTO} derives one from the host
 *     name and start time, which is what replicas need
 * @param threadCount jobs that may run at once on this replica
 * @param misfireThreshold how late a fire may be before it counts as missed
 * @param idleWait how long the scheduler sleeps when nothing is due; it also bounds how soon a
 *     schedule set on another replica is seen
 * @param clusterCheckin how often this replica tells the others it is alive
 * @param missedBackupDeadline how long after a fire a backup must exist before "missed backup" is
 *     posted
 * @param minimumInterval the shortest accepted gap between two fires of a backup schedule
 * @param shutdownTimeout how long closing waits for running jobs
 */
public record SchedulingSettings(
    String instanceId,
    int threadCount,
    Duration misfireThreshold,
    Duration idleWait,
    Duration clusterCheckin,
    Duration missedBackupDeadline,
    Duration minimumInterval,
    Duration shutdownTimeout) {

  public static final String AUTO = "AUTO";

  public SchedulingSettings {
    Objects.requireNonNull(instanceId, "instanceId");
    if (threadCount < 1) {
      throw new IllegalArgumentException("threadCount must be at least 1, was " + threadCount);
    }
    Objects.requireNonNull(misfireThreshold, "misfireThreshold");
    Objects.requireNonNull(idleWait, "idleWait");
    Objects.requireNonNull(clusterCheckin, "clusterCheckin");
    Objects.requireNonNull(missedBackupDeadline, "missedBackupDeadline");
    Objects.requireNonNull(minimumInterval, "minimumInterval");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
  }

  /** Production defaults: a 60 s misfire threshold, a 3 h backup deadline, hourly at most. */
  public static SchedulingSettings defaults() {
    return new SchedulingSettings(
        AUTO,
        3,
        Duration.ofSeconds(60),
        Duration.ofSeconds(30),
        Duration.ofMillis(7500),
        Duration.ofHours(3),
        Duration.ofHours(1),
        Duration.ofSeconds(30));
  }

  /** The defaults with the {@code backup} config's missed-backup deadline. */
  public static SchedulingSettings from(BackupConfig config) {
    SchedulingSettings d = defaults();
    return new SchedulingSettings(
        d.instanceId,
        d.threadCount,
        d.misfireThreshold,
        d.idleWait,
        d.clusterCheckin,
        config.missedDeadline(),
        d.minimumInterval,
        d.shutdownTimeout);
  }

  public SchedulingSettings withInstanceId(String id) {
    return new SchedulingSettings(
        id,
        threadCount,
        misfireThreshold,
        idleWait,
        clusterCheckin,
        missedBackupDeadline,
        minimumInterval,
        shutdownTimeout);
  }
}
