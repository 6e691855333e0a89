package io.gitlabopsbot.restore;

import io.gitlabopsbot.config.RestoreConfig;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a restore runs: what it scales down and the bound of every wait.
 *
 * @param extraDeployments selectors of Deployments to scale to 0 besides webservice and sidekiq
 * @param readyTimeout bound of the waits for pods to go and to be Ready again
 * @param activeDeadline the restore Job's {@code activeDeadlineSeconds}
 * @param ttlAfterFinished how long Kubernetes keeps the finished Job (and its log)
 * @param pollInterval how often the cluster is looked at while waiting
 * @param staleAfter a running restore whose heartbeat is older is considered interrupted
 * @param s3Tool {@code --s3tool} for backup-utility, or blank for the chart default
 * @param apiErrorTolerance consecutive failed API calls tolerated while following the Job
 */
public record RestoreSettings(
    Duration approvalTtl,
    boolean preRestoreBackup,
    List<EqualitySelector> extraDeployments,
    Duration readyTimeout,
    Duration activeDeadline,
    Duration ttlAfterFinished,
    Duration pollInterval,
    Duration staleAfter,
    String s3Tool,
    int apiErrorTolerance) {

  /** How often a running restore refreshes its heartbeat; well below {@link #staleAfter}. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(30);

  /** How long the CLI waits for the operator to retype the backup ID. */
  public static final Duration CONFIRMATION_TIMEOUT = Duration.ofMinutes(5);

  public RestoreSettings {
    extraDeployments = List.copyOf(extraDeployments);
    for (Duration d :
        new Duration[] {
          approvalTtl, readyTimeout, activeDeadline, ttlAfterFinished, pollInterval, staleAfter
        }) {
      if (Objects.requireNonNull(d, "duration").isNegative() || d.isZero()) {
        throw new IllegalArgumentException("restore durations must be positive, not " + d);
      }
    }
    s3Tool = s3Tool == null ? "" : s3Tool.strip();
  }

  /** From the {@code restore} config section, with the backup section's {@code s3Tool}. */
  public static RestoreSettings from(RestoreConfig config, String s3Tool) {
    return new RestoreSettings(
        config.approvalTtl(),
        config.preRestoreBackup(),
        config.deployments().stream().map(EqualitySelector::parse).toList(),
        config.readyTimeout(),
        config.activeDeadline(),
        Duration.ofDays(7),
        Duration.ofSeconds(10),
        Duration.ofMinutes(3),
        s3Tool,
        5);
  }

  public RestoreSettings withPollInterval(Duration interval) {
    return new RestoreSettings(
        approvalTtl,
        preRestoreBackup,
        extraDeployments,
        readyTimeout,
        activeDeadline,
        ttlAfterFinished,
        interval,
        staleAfter,
        s3Tool,
        apiErrorTolerance);
  }
}
