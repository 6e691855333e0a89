package io.gitlabopsbot.cluster;

import java.util.List;
import software.amazon.awssdk.services.eks.model.ClientStat;
import software.amazon.awssdk.services.eks.model.DeprecationDetail;
import software.amazon.awssdk.services.eks.model.Insight;

/** Turns the SDK's insight model into {@link UpgradeInsight}. */
final class EksInsights {

  private EksInsights() {}

  static UpgradeInsight toInsight(Insight insight) {
    String status = "UNKNOWN";
    String reason = "";
    if (insight.insightStatus() != null) {
      status = EksClusterInfo.text(insight.insightStatus().statusAsString());
      reason = EksClusterInfo.text(insight.insightStatus().reason());
    }
    List<UpgradeInsight.Deprecation> deprecations =
        insight.categorySpecificSummary() == null
            ? List.of()
            : insight.categorySpecificSummary().deprecationDetails().stream()
                .map(EksInsights::deprecation)
                .toList();
    return new UpgradeInsight(
        insight.id(),
        EksClusterInfo.text(insight.name()),
        EksClusterInfo.text(insight.kubernetesVersion()),
        status,
        reason,
        EksClusterInfo.text(insight.recommendation()),
        deprecations);
  }

  private static UpgradeInsight.Deprecation deprecation(DeprecationDetail detail) {
    return new UpgradeInsight.Deprecation(
        EksClusterInfo.text(detail.usage()),
        EksClusterInfo.text(detail.replacedWith()),
        EksClusterInfo.text(detail.stopServingVersion()),
        detail.clientStats().stream().map(ClientStat::userAgent).distinct().toList());
  }
}
