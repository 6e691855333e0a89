package io.gitlabopsbot.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitlabopsbot.kubernetes.ClusterException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** {@link NodeVersions} from the Kubernetes API's Node objects (needs {@code list nodes}). */
public final class Fabric8NodeVersions implements NodeVersions {

  private final KubernetesClient client;

  public Fabric8NodeVersions(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<NodeVersion> kubeletVersions() {
    List<Node> nodes;
    try {
      nodes = client.nodes().list().getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        throw new ClusterException.Forbidden(
            "the bot's service account may not list nodes; grant it a ClusterRole with"
                + " nodes: list",
            e);
      }
      throw new ClusterException(
          "listing nodes at the Kubernetes API failed"
              + (e.getCode() > 0 ? " with HTTP " + e.getCode() : "")
              + "; check that the API server is reachable from the bot",
          e);
    }
    return nodes.stream()
        .map(Fabric8NodeVersions::version)
        .sorted(Comparator.comparing(NodeVersion::node))
        .toList();
  }

  private static NodeVersion version(Node node) {
    String kubelet =
        node.getStatus() == null || node.getStatus().getNodeInfo() == null
            ? ""
            : Objects.requireNonNullElse(node.getStatus().getNodeInfo().getKubeletVersion(), "");
    return new NodeVersion(node.getMetadata().getName(), kubelet);
  }
}
