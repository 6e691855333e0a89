package io.gitlabopsbot.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@code /gitlab restore} runs (config section {@code restore}).
 *
 * @param approvalTtl how long a restore request waits for a second person's approval
 * @param preRestoreBackup whether a fresh backup is taken (and waited for) before anything changes;
 *     {@code --skip-pre-backup} turns it off for one restore
 * @param deployments label selectors ({@code app=kas}) of Deployments to scale to 0 during the
 *     restore besides webservice and sidekiq; the release label is added to each
 * @param readyTimeout how long to wait for scaled-down pods to go and restarted pods to be Ready
 * @param activeDeadline how long the restore Job may run before Kubernetes stops it
 * @param typedConfirmation whether approving a restore in Slack also needs the approver to type the
 *     backup ID in a dialog, so nobody approves a restore with one careless click
 */
public record RestoreConfig(
    Duration approvalTtl,
    boolean preRestoreBackup,
    List<String> deployments,
    Duration readyTimeout,
    Duration activeDeadline,
    boolean typedConfirmation) {

  public RestoreConfig {
    Objects.requireNonNull(approvalTtl, "approvalTtl");
    deployments = List.copyOf(deployments);
    Objects.requireNonNull(readyTimeout, "readyTimeout");
    Objects.requireNonNull(activeDeadline, "activeDeadline");
  }

  /**
   * 15 min to approve, a pre-restore backup, webservice and sidekiq only, 15 min, 6 h, one-click
   * approval.
   */
  public static RestoreConfig defaults() {
    return new RestoreConfig(
        Duration.ofMinutes(15),
        true,
        List.of(),
        Duration.ofMinutes(15),
        Duration.ofHours(6),
        false);
  }
}
