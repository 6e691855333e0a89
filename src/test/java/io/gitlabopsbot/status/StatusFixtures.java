package io.gitlabopsbot.status;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitlabopsbot.config.TargetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Map;

/** Seeds a fabric8 mock API server with the objects of a GitLab release named {@code gitlab}. */
final class StatusFixtures {

  static final String NS = "gitlab";
  static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
  static final TargetSettings TARGET =
      new TargetSettings(
          "prod", NS, "gitlab", "app=toolbox", "gitlab-backups", "gitlab-rails-secret");

  private final KubernetesClient client;

  StatusFixtures(KubernetesClient client) {
    this.client = client;
  }

  StatusFixtures deployment(String name, String app, int ready, int desired) {
    return deployment(name, app, "gitlab", ready, desired);
  }

  StatusFixtures deployment(String name, String app, String release, int ready, int desired) {
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("app", app, "release", release))
                .endMetadata()
                .withNewSpec()
                .withReplicas(desired)
                .endSpec()
                .withNewStatus()
                .withReadyReplicas(ready)
                .endStatus()
                .build())
        .create();
    return this;
  }

  /** A pod; {@code waiting} is a container waiting reason such as CrashLoopBackOff, or null. */
  StatusFixtures pod(
      String name, String phase, boolean ready, int restarts, String waiting, Instant lastExit) {
    return pod(name, Map.of("release", "gitlab"), phase, ready, restarts, waiting, lastExit);
  }

  /** The pod of a backup Job the bot started, labelled as the bot labels them. */
  StatusFixtures botJobPod(String name, String phase) {
    return pod(
        name,
        Map.of(
            "release", "gitlab",
            "app.kubernetes.io/managed-by", "gitlab-ops-bot",
            "gitlab-ops-bot/operation", "backup",
            "gitlab-ops-bot/target", "production"),
        phase,
        false,
        0,
        null,
        null);
  }

  StatusFixtures pod(
      String name,
      Map<String, String> labels,
      String phase,
      boolean ready,
      int restarts,
      String waiting,
      Instant lastExit) {
    var container = new ContainerStatusBuilder().withName("main").withRestartCount(restarts);
    if (waiting != null) {
      container.withNewState().withNewWaiting().withReason(waiting).endWaiting().endState();
    }
    if (lastExit != null) {
      container
          .withNewLastState()
          .withNewTerminated()
          .withReason("Error")
          .withExitCode(1)
          .withFinishedAt(lastExit.toString())
          .endTerminated()
          .endLastState();
    }
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready ? "True" : "False")
                .endCondition()
                .withContainerStatuses(container.build())
                .endStatus()
                .build())
        .create();
    return this;
  }

  StatusFixtures hpa(String name, int current, int max) {
    client
        .autoscaling()
        .v2()
        .horizontalPodAutoscalers()
        .inNamespace(NS)
        .resource(
            new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("release", "gitlab"))
                .endMetadata()
                .withNewSpec()
                .withMinReplicas(2)
                .withMaxReplicas(max)
                .withNewScaleTargetRef()
                .withKind("Deployment")
                .withName(name)
                .endScaleTargetRef()
                .endSpec()
                .withNewStatus()
                .withCurrentReplicas(current)
                .withDesiredReplicas(current)
                .endStatus()
                .build())
        .create();
    return this;
  }

  /** A node with its Ready status and any conditions set to True (e.g. MemoryPressure). */
  StatusFixtures node(String name, boolean ready, String... trueConditions) {
    var node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus(ready ? "True" : "Unknown")
            .endCondition();
    for (String condition : trueConditions) {
      node.addNewCondition().withType(condition).withStatus("True").endCondition();
    }
    client.nodes().resource(node.endStatus().build()).create();
    return this;
  }

  /** A healthy release: webservice, sidekiq, toolbox all ready, one HPA with room, one node. */
  StatusFixtures healthy() {
    return deployment("gitlab-webservice-default", "webservice", 2, 2)
        .deployment("gitlab-sidekiq-all-in-1-v2", "sidekiq", 1, 1)
        .deployment("gitlab-toolbox", "toolbox", 1, 1)
        .pod("gitlab-webservice-default-7d9-abcde", "Running", true, 0, null, null)
        .hpa("gitlab-webservice-default", 2, 10)
        .node("ip-10-0-1-1", true);
  }

  /** A client for a port nobody listens on, failing fast. */
  static KubernetesClient unreachable() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(2000)
                .withRequestTimeout(2000)
                .build())
        .build();
  }
}
