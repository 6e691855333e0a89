package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/** Reads {@link DeploymentState} and {@link PodState} from fabric8 objects. */
final class WorkloadStates {

  /** What the API server assumes when a Deployment leaves {@code spec.replicas} unset. */
  static final int DEFAULT_REPLICAS = 1;

  private WorkloadStates() {}

  static DeploymentState deployment(Deployment deployment) {
    DeploymentSpec spec = deployment.getSpec();
    DeploymentStatus status = deployment.getStatus();
    int desired = orDefault(spec == null ? null : spec.getReplicas(), DEFAULT_REPLICAS);
    int ready = orDefault(status == null ? null : status.getReadyReplicas(), 0);
    int updated = orDefault(status == null ? null : status.getUpdatedReplicas(), 0);
    int total = orDefault(status == null ? null : status.getReplicas(), 0);
    Long generation = deployment.getMetadata().getGeneration();
    Long observed = status == null ? null : status.getObservedGeneration();
    // Without both generations we cannot tell whether the controller has seen the latest spec,
    // so the rollout is not reported as done. status.replicas counts old pods too: a rollout
    // still scaling down the previous ReplicaSet is not done.
    boolean rolledOut =
        generation != null
            && observed != null
            && observed >= generation
            && updated == desired
            && ready == desired
            && total == desired;
    return new DeploymentState(
        deployment.getMetadata().getName(), labels(deployment), desired, ready, updated, rolledOut);
  }

  static PodState pod(Pod pod) {
    var status = pod.getStatus();
    boolean ready =
        status != null
            && status.getConditions() != null
            && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    return new PodState(
        pod.getMetadata().getName(),
        status == null || status.getPhase() == null ? "Unknown" : status.getPhase(),
        ready,
        pod.getMetadata().getDeletionTimestamp() != null,
        instant(pod.getMetadata().getCreationTimestamp()));
  }

  /**
   * Whether {@code object} carries every label of {@code selector}. Checked again after each list:
   * some API fakes and proxies ignore the label selector, and acting on a wider set than asked
   * (deleting pods of another release) must not happen.
   */
  static boolean matches(HasMetadata object, EqualitySelector selector) {
    Map<String, String> labels = labels(object);
    return selector.labels().entrySet().stream()
        .allMatch(e -> Objects.equals(labels.get(e.getKey()), e.getValue()));
  }

  private static Map<String, String> labels(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static Instant instant(String timestamp) {
    if (timestamp == null) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      // The API always sends RFC 3339; a fake that does not is no reason to fail the listing.
      return null;
    }
  }
}
