package io.gitlabopsbot.kubernetes;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Deployments and pods of a GitLab release as the chart labels them. */
public final class WorkloadFixtures {

  public static final String CNG = "registry.gitlab.com/gitlab-org/build/cng/";

  private WorkloadFixtures() {}

  public static Deployment deployment(
      String name, String app, String release, Integer replicas, String... images) {
    List<Container> containers =
        Arrays.stream(images)
            .map(
                image ->
                    new ContainerBuilder()
                        .withName(image.replaceAll("^.*/|[:@].*$", ""))
                        .withImage(image)
                        .build())
            .toList();
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(Map.of("app", app, "release", release))
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(Map.of("app", app, "release", release))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Map.of("app", app, "release", release))
        .endMetadata()
        .withNewSpec()
        .withContainers(containers)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** A Deployment status; the mock server gives every new object generation 1. */
  public static DeploymentStatus status(
      Long observedGeneration, Integer replicas, Integer ready, Integer updated) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(observedGeneration)
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withUpdatedReplicas(updated)
        .build();
  }

  public static Pod pod(String name, String app, String release, String phase, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(Map.of("app", app, "release", release))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app)
        .withImage(CNG + "gitlab-" + app + "-ee:v17.5.2")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
