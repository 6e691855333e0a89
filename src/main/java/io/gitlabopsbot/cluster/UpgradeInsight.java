package io.gitlabopsbot.cluster;

import java.util.List;

/**
 * One EKS upgrade-readiness insight.
 *
 * @param status {@code PASSING}, {@code WARNING}, {@code ERROR} or {@code UNKNOWN}
 * @param reason why the insight has that status, as EKS words it
 * @param deprecations for deprecated-API insights, the APIs still called; empty otherwise
 */
public record UpgradeInsight(
    String id,
    String name,
    String kubernetesVersion,
    String status,
    String reason,
    String recommendation,
    List<Deprecation> deprecations) {

  public UpgradeInsight {
    deprecations = List.copyOf(deprecations);
  }

  /**
   * A deprecated Kubernetes API that clients still call.
   *
   * @param usage the deprecated API path, e.g. {@code /apis/flowcontrol.apiserver.k8s.io/v1beta3}
   * @param replacedWith the API to use instead, or empty when there is none
   * @param stopServingVersion the Kubernetes version that no longer serves it
   * @param userAgents the clients that called it in the last 30 days
   */
  public record Deprecation(
      String usage, String replacedWith, String stopServingVersion, List<String> userAgents) {

    public Deprecation {
      userAgents = List.copyOf(userAgents);
    }
  }
}
