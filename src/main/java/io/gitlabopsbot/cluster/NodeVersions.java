package io.gitlabopsbot.cluster;

import java.util.List;

/** The kubelet version of every node, as the Kubernetes API reports it. */
public interface NodeVersions {

  /**
   * @throws io.gitlabopsbot.kubernetes.ClusterException when the Kubernetes API cannot be read
   */
  List<NodeVersion> kubeletVersions();

  /**
   * One node.
   *
   * @param kubeletVersion e.g. {@code v1.31.4-eks-1a2b3c4}; empty when the node has not reported
   */
  record NodeVersion(String node, String kubeletVersion) {}
}
