package io.gitlabopsbot.status;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.KubernetesCalls;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ReleaseHealth} over the fabric8 client; each call is bounded by the client's request
 * timeout (see {@link io.gitlabopsbot.kubernetes.KubernetesClients}).
 */
public final class Fabric8ReleaseHealth implements ReleaseHealth {

  private static final List<String> PRESSURES =
      List.of("MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");

  private final KubernetesClient client;

  public Fabric8ReleaseHealth(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<DeploymentState> deployments(String namespace, EqualitySelector release) {
    return KubernetesCalls.call(
            "list Deployments in namespace " + namespace + " with labels " + release,
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withLabels(release.labels())
                    .list()
                    .getItems())
        .stream()
        .map(Fabric8ReleaseHealth::deployment)
        .sorted(Comparator.comparing(DeploymentState::name))
        .toList();
  }

  @Override
  public List<PodState> pods(String namespace, EqualitySelector release) {
    return KubernetesCalls.call(
            "list pods in namespace " + namespace + " with labels " + release,
            () ->
                client.pods().inNamespace(namespace).withLabels(release.labels()).list().getItems())
        .stream()
        .map(Fabric8Pods::state)
        .sorted(Comparator.comparing(PodState::name))
        .toList();
  }

  @Override
  public List<AutoscalerState> autoscalers(String namespace, EqualitySelector release) {
    return KubernetesCalls.call(
            "list HorizontalPodAutoscalers in namespace " + namespace + " with labels " + release,
            () ->
                client
                    .autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inNamespace(namespace)
                    .withLabels(release.labels())
                    .list()
                    .getItems())
        .stream()
        .map(Fabric8ReleaseHealth::autoscaler)
        .sorted(Comparator.comparing(AutoscalerState::name))
        .toList();
  }

  @Override
  public List<NodeState> nodes() {
    return KubernetesCalls.call("list nodes", () -> client.nodes().list().getItems()).stream()
        .map(Fabric8ReleaseHealth::node)
        .sorted(Comparator.comparing(NodeState::name))
        .toList();
  }

  private static DeploymentState deployment(Deployment d) {
    Integer desired = d.getSpec() == null ? null : d.getSpec().getReplicas();
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    var labels = d.getMetadata().getLabels();
    return new DeploymentState(
        d.getMetadata().getName(),
        ready == null ? 0 : ready,
        // The API server defaults an unset replicas field to 1.
        desired == null ? 1 : desired,
        labels == null ? Map.of() : labels);
  }

  private static AutoscalerState autoscaler(HorizontalPodAutoscaler h) {
    var status = h.getStatus();
    Integer min = h.getSpec().getMinReplicas();
    return new AutoscalerState(
        h.getMetadata().getName(),
        status == null || status.getCurrentReplicas() == null ? 0 : status.getCurrentReplicas(),
        status == null || status.getDesiredReplicas() == null ? 0 : status.getDesiredReplicas(),
        min == null ? 1 : min,
        h.getSpec().getMaxReplicas() == null ? 0 : h.getSpec().getMaxReplicas());
  }

  private static NodeState node(Node n) {
    List<NodeCondition> conditions =
        n.getStatus() == null || n.getStatus().getConditions() == null
            ? List.of()
            : n.getStatus().getConditions();
    List<String> problems = new ArrayList<>();
    boolean ready =
        conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    if (!ready) {
      problems.add("NotReady");
    }
    conditions.stream()
        .filter(c -> PRESSURES.contains(c.getType()) && "True".equals(c.getStatus()))
        .forEach(c -> problems.add(c.getType()));
    if (n.getSpec() != null && Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
      problems.add("cordoned");
    }
    return new NodeState(n.getMetadata().getName(), problems);
  }
}
