package io.gitlabopsbot.kubernetes;

import java.util.Map;

/**
 * One Deployment's replica counts as the API reports them.
 *
 * @param desired {@code spec.replicas}
 * @param ready {@code status.readyReplicas} (0 when absent)
 * @param updated {@code status.updatedReplicas} (0 when absent)
 * @param rolledOut whether the controller has observed the latest spec and every desired replica is
 *     updated and ready
 */
public record DeploymentState(
    String name,
    Map<String, String> labels,
    int desired,
    int ready,
    int updated,
    boolean rolledOut) {

  public DeploymentState {
    labels = Map.copyOf(labels);
  }
}
