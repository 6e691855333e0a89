package io.gitlabopsbot.cluster;

import java.util.List;

/** The EKS control plane of the bot's cluster as the EKS API describes it. */
public interface ClusterInfo {

  /**
   * {@code eks:DescribeCluster}.
   *
   * @throws EksApiException when the call fails
   */
  ControlPlane controlPlane();

  /**
   * {@code eks:DescribeClusterVersions}: every version EKS lists, with its support dates.
   *
   * @throws EksApiException when the call fails
   */
  List<VersionSupport> versions();

  /**
   * {@code eks:ListInsights} and {@code eks:DescribeInsight} for the {@code UPGRADE_READINESS}
   * category.
   *
   * @throws EksApiException when a call fails
   */
  List<UpgradeInsight> upgradeInsights();
}
