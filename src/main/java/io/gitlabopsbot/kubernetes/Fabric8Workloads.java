package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link Workloads} over the fabric8 client. Each call is one or two bounded API requests (see
 * {@link KubernetesClients}); nothing here waits for a rollout, the caller polls.
 */
public final class Fabric8Workloads implements Workloads {

  static final String RELEASE_LABEL = "release";

  /** Where the running version is read, best first; task-runner is the toolbox of old charts. */
  private static final List<String> VERSION_SOURCES =
      List.of("webservice", "toolbox", "task-runner");

  private final KubernetesClient client;

  public Fabric8Workloads(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public List<DeploymentState> deployments(String namespace, EqualitySelector selector) {
    return listDeployments(namespace, selector).stream()
        .map(WorkloadStates::deployment)
        .sorted(Comparator.comparing(DeploymentState::name))
        .toList();
  }

  @Override
  public void scale(String namespace, String deployment, int replicas) {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be 0 or more, got " + replicas);
    }
    String where = "Deployment " + namespace + "/" + deployment;
    var resource = client.apps().deployments().inNamespace(namespace).withName(deployment);
    // Read and write the scale subresource only: RBAC grants deployments/scale get+update, not
    // patch on the Deployment. fabric8's scale(int) would also wait when a timeout is set and
    // re-read the Deployment; the caller polls instead.
    Scale current;
    try {
      current = KubernetesCalls.call("read the scale of " + where, resource::scale);
    } catch (ClusterException.NotFound e) {
      throw new ClusterException.NotFound(
          where + " does not exist; check the release name and namespace of the target", e);
    }
    Scale wanted =
        new ScaleBuilder(current)
            // No resourceVersion: like `kubectl scale`, the last writer wins; the replica count
            // is the whole of the change, there is nothing of another writer's to preserve.
            .editOrNewMetadata()
            .withResourceVersion(null)
            .endMetadata()
            .editOrNewSpec()
            .withReplicas(replicas)
            .endSpec()
            .build();
    try {
      KubernetesCalls.call(
          "scale " + where + " to " + replicas + " replicas", () -> resource.scale(wanted));
    } catch (ClusterException.NotFound e) {
      throw new ClusterException.NotFound(
          where + " disappeared while being scaled; check whether the release was uninstalled", e);
    }
  }

  @Override
  public List<String> deletePods(String namespace, EqualitySelector selector) {
    requireRelease(selector);
    List<String> deleted = new ArrayList<>();
    for (Pod pod : listPods(namespace, selector)) {
      // Already on its way out: its replacement is being made, deleting it again restarts
      // nothing.
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue;
      }
      String name = pod.getMetadata().getName();
      KubernetesCalls.call(
          "delete pod " + namespace + "/" + name,
          () -> client.pods().inNamespace(namespace).withName(name).delete());
      deleted.add(name);
    }
    return List.copyOf(deleted);
  }

  @Override
  public boolean deletePod(String namespace, EqualitySelector selector, String name) {
    requireRelease(selector);
    Pod pod =
        KubernetesCalls.call(
            "read pod " + namespace + "/" + name,
            () -> client.pods().inNamespace(namespace).withName(name).get());
    if (pod == null
        || pod.getMetadata().getDeletionTimestamp() != null
        || pod.getMetadata().getLabels() == null
        || !pod.getMetadata().getLabels().entrySet().containsAll(selector.labels().entrySet())) {
      return false;
    }
    KubernetesCalls.call(
        "delete pod " + namespace + "/" + name,
        () -> client.pods().inNamespace(namespace).withName(name).delete());
    return true;
  }

  @Override
  public List<PodState> pods(String namespace, EqualitySelector selector) {
    return listPods(namespace, selector).stream().map(WorkloadStates::pod).toList();
  }

  private static void requireRelease(EqualitySelector selector) {
    String release = selector.labels().get(RELEASE_LABEL);
    if (release == null || release.isBlank()) {
      throw new IllegalArgumentException(
          "refusing to delete pods with labels '"
              + selector
              + "': the selector must name the release (release=<name>), or it could match every"
              + " pod of the namespace");
    }
  }

  @Override
  public Optional<String> gitlabVersion(String namespace, String release) {
    for (String app : VERSION_SOURCES) {
      EqualitySelector selector =
          new EqualitySelector(Map.of("app", app)).with(RELEASE_LABEL, release);
      Set<String> versions = new TreeSet<>();
      for (Deployment deployment : listDeployments(namespace, selector)) {
        var template = deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
        if (template == null || template.getSpec() == null) {
          continue;
        }
        template.getSpec().getContainers().stream()
            .map(c -> GitLabImageTag.version(c.getImage()))
            .flatMap(Optional::stream)
            .forEach(versions::add);
      }
      if (versions.size() == 1) {
        return Optional.of(versions.iterator().next());
      }
      if (versions.size() > 1) {
        // A rollout in progress or a pinned component: which one counts is not ours to guess.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<Deployment> listDeployments(String namespace, EqualitySelector selector) {
    return KubernetesCalls.call(
            "list Deployments in namespace " + namespace + " with labels " + selector,
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(namespace)
                    .withLabels(selector.labels())
                    .list()
                    .getItems())
        .stream()
        .filter(d -> WorkloadStates.matches(d, selector))
        .toList();
  }

  private List<Pod> listPods(String namespace, EqualitySelector selector) {
    return KubernetesCalls.call(
            "list pods in namespace " + namespace + " with labels " + selector,
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabels(selector.labels())
                    .list()
                    .getItems())
        .stream()
        .filter(p -> WorkloadStates.matches(p, selector))
        .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getName()))
        .toList();
  }
}
