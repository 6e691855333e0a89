package io.gitlabopsbot.status;

import io.gitlabopsbot.kubernetes.EqualitySelector;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads the state of a GitLab release's workloads and of the cluster's nodes. Every method throws
 * {@link io.gitlabopsbot.kubernetes.ClusterException} (or its {@code Forbidden} subtype) when the
 * API call fails.
 */
public interface ReleaseHealth {

  List<DeploymentState> deployments(String namespace, EqualitySelector release);

  List<PodState> pods(String namespace, EqualitySelector release);

  List<AutoscalerState> autoscalers(String namespace, EqualitySelector release);

  /** Every node of the cluster; needs the optional {@code list nodes} ClusterRole. */
  List<NodeState> nodes();

  /** A Deployment's ready and desired replicas, and its labels (to recognise the toolbox). */
  record DeploymentState(String name, int ready, int desired, Map<String, String> labels) {
    public DeploymentState {
      labels = Map.copyOf(labels);
    }
  }

  /**
   * A pod as far as health goes.
   *
   * @param reason the most telling reason: a container's waiting or last termination reason
   *     (CrashLoopBackOff, OOMKilled), else the pod's own reason, else empty
   * @param restarts container restarts summed over the pod's containers
   * @param lastRestartAt when a container last terminated before its current run, or null
   * @param labels the pod's labels (the bot's own Job pods are told apart by them)
   */
  record PodState(
      String name,
      String phase,
      String reason,
      boolean ready,
      int restarts,
      Instant lastRestartAt,
      Map<String, String> labels) {

    public PodState {
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A pod of a Job the bot started (backup, restore): reported under backups, not here. */
    public boolean ofTheBot() {
      return "gitlab-ops-bot".equals(labels.get("app.kubernetes.io/managed-by"));
    }
  }

  /** A HorizontalPodAutoscaler's replica counts. */
  record AutoscalerState(String name, int current, int desired, int min, int max) {
    public boolean atMax() {
      return max > 0 && current >= max;
    }
  }

  /**
   * A node's readiness and pressure conditions.
   *
   * @param problems e.g. {@code NotReady}, {@code MemoryPressure}, {@code cordoned}; empty when
   *     fine
   */
  record NodeState(String name, List<String> problems) {
    public NodeState {
      problems = List.copyOf(problems);
    }
  }
}
