package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.kubernetes.ClusterException;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class Fabric8NodeVersionsTest {

  KubernetesClient client;

  static void seedNode(KubernetesClient client, String name, String kubelet) {
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withNewNodeInfo()
                .withKubeletVersion(kubelet)
                .endNodeInfo()
                .endStatus()
                .build())
        .create();
  }

  @Test
  void kubeletVersions_readsEveryNode() {
    seedNode(client, "ip-10-0-1-1", "v1.31.4-eks-1a2b3c4");
    seedNode(client, "ip-10-0-1-2", "v1.29.15-eks-473151a");

    assertThat(new Fabric8NodeVersions(client).kubeletVersions())
        .containsExactly(
            new NodeVersions.NodeVersion("ip-10-0-1-1", "v1.31.4-eks-1a2b3c4"),
            new NodeVersions.NodeVersion("ip-10-0-1-2", "v1.29.15-eks-473151a"));
  }

  @Test
  void kubeletVersions_whenApiUnreachable_saysSo() {
    try (KubernetesClient unreachable = ClusterReportFixtures.unreachableKubernetes()) {
      assertThatThrownBy(() -> new Fabric8NodeVersions(unreachable).kubeletVersions())
          .isInstanceOf(ClusterException.class)
          .hasMessageContaining("API server is reachable");
    }
  }
}
