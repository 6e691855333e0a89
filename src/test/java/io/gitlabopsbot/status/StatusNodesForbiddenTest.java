package io.gitlabopsbot.status;

import static io.gitlabopsbot.status.StatusFixtures.NOW;
import static io.gitlabopsbot.status.StatusFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentListBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerListBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.message.TextRenderer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A cluster where the bot lacks the optional node-reading ClusterRole: nodes answer 403. */
@EnableKubernetesMockClient
class StatusNodesForbiddenTest {

  private static final String SELECTOR = "?labelSelector=release%3Dgitlab";

  KubernetesMockServer server;
  KubernetesClient client;

  private void expectReleaseAndForbiddenNodes() {
    server
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/gitlab/deployments" + SELECTOR)
        .andReturn(
            200,
            new DeploymentListBuilder()
                .addToItems(deployment("gitlab-webservice-default", "webservice"))
                .addToItems(deployment("gitlab-toolbox", "toolbox"))
                .build())
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/gitlab/pods" + SELECTOR)
        .andReturn(200, new PodListBuilder().build())
        .always();
    server
        .expect()
        .get()
        .withPath("/apis/autoscaling/v2/namespaces/gitlab/horizontalpodautoscalers" + SELECTOR)
        .andReturn(200, new HorizontalPodAutoscalerListBuilder().build())
        .always();
    server
        .expect()
        .get()
        .withPath("/api/v1/nodes")
        .andReturn(
            403,
            new StatusBuilder()
                .withStatus("Failure")
                .withReason("Forbidden")
                .withCode(403)
                .withMessage("nodes is forbidden: User \"system:serviceaccount:gitlab:bot\"")
                .build())
        .always();
  }

  @Test
  void nodes_whenForbidden_throwsForbidden() {
    expectReleaseAndForbiddenNodes();

    assertThatThrownBy(() -> new Fabric8ReleaseHealth(client).nodes())
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("may not list nodes (HTTP 403)");
  }

  @Test
  void build_whenNodesAreForbidden_pointsAtTheOptionalClusterRole_andStaysHealthy() {
    expectReleaseAndForbiddenNodes();
    var report =
        new StatusReport(
            new Fabric8ReleaseHealth(client),
            bucket -> Optional.of(NOW.minusSeconds(3600)),
            target -> Optional.empty(),
            () -> 0,
            Clock.fixed(NOW, ZoneOffset.UTC));

    String text = new TextRenderer().render(report.build(TARGET));

    assertThat(text)
        .contains(":white_check_mark: *Healthy*")
        .contains("not readable (apply manifests/optional/clusterrole-nodes.yaml")
        .containsPattern("gitlab-webservice-default +1/1");
  }

  private static Deployment deployment(String name, String app) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("app", app, "release", "gitlab"))
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .endSpec()
        .withNewStatus()
        .withReadyReplicas(1)
        .endStatus()
        .build();
  }
}
