package io.gitlabopsbot.cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Kubelet versions of the nodes against the control plane, by the Kubernetes skew policy: a kubelet
 * may be up to three minor versions older than the API server, never newer.
 *
 * @param byVersion node count per kubelet minor version, oldest first
 * @param unreadable nodes whose kubelet version could not be read
 */
record VersionSkew(
    MinorVersion controlPlane, Map<MinorVersion, Long> byVersion, List<String> unreadable) {

  static final int MAX_SKEW = 3;

  static VersionSkew of(MinorVersion controlPlane, List<NodeVersions.NodeVersion> nodes) {
    Map<MinorVersion, Long> counts =
        nodes.stream()
            .flatMap(n -> MinorVersion.parse(n.kubeletVersion()).stream())
            .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    List<String> unreadable =
        nodes.stream()
            .filter(n -> MinorVersion.parse(n.kubeletVersion()).isEmpty())
            .map(NodeVersions.NodeVersion::node)
            .toList();
    return new VersionSkew(controlPlane, counts, unreadable);
  }

  /** Nodes with a kubelet newer than the control plane or more than three minors behind. */
  long outOfPolicy() {
    return byVersion.entrySet().stream()
        .filter(e -> skew(e.getKey()) < 0 || skew(e.getKey()) > MAX_SKEW)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Nodes that would be out of policy once the control plane moves one minor version up. */
  long blockingNextUpgrade() {
    return byVersion.entrySet().stream()
        .filter(e -> skew(e.getKey()) >= MAX_SKEW)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  int skew(MinorVersion kubelet) {
    return controlPlane.minorsAhead(kubelet);
  }
}
