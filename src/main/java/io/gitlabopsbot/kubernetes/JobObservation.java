package io.gitlabopsbot.kubernetes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What the cluster says about one Job and (when observed individually) its newest pod.
 *
 * @param created the Job's creation time, or null if the API did not report one
 * @param reason for a failed Job, its condition reason ({@code DeadlineExceeded}, {@code
 *     BackoffLimitExceeded}, …); empty otherwise
 * @param message the condition's message, or empty
 */
public record JobObservation(
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant created,
    State state,
    String reason,
    String message,
    Optional<PodObservation> pod) {

  public JobObservation {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }

  /** Whether the Job has not finished yet. */
  public boolean active() {
    return state == State.ACTIVE;
  }

  /** The lifecycle of a Job as far as the bot cares. */
  public enum State {
    ACTIVE,
    SUCCEEDED,
    FAILED
  }

  /**
   * A Job's pod.
   *
   * @param phase {@code Pending}, {@code Running}, {@code Succeeded}, {@code Failed}
   * @param reason the pod's status reason, e.g. {@code Evicted}, or empty
   * @param waitingReason the container's waiting reason, e.g. {@code ImagePullBackOff}, or empty
   * @param exitCode the container's exit code once terminated, else null
   * @param startProblem why the pod cannot start (an image that cannot be pulled, a missing Secret
   *     or ConfigMap, a crashing init container, no node to run on), or empty
   * @param unschedulable whether the problem is that no node fits yet, which the cluster autoscaler
   *     may still solve
   */
  public record PodObservation(
      String name,
      String phase,
      String reason,
      String message,
      String waitingReason,
      Integer exitCode,
      String startProblem,
      boolean unschedulable) {

    public boolean cannotStart() {
      return !startProblem.isEmpty();
    }

    public boolean evicted() {
      return "Evicted".equals(reason);
    }

    public boolean pending() {
      return "Pending".equals(phase);
    }
  }
}
