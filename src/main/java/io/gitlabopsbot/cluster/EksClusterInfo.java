package io.gitlabopsbot.cluster;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Category;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterVersionInformation;
import software.amazon.awssdk.services.eks.model.DescribeClusterVersionsResponse;
import software.amazon.awssdk.services.eks.model.Insight;
import software.amazon.awssdk.services.eks.model.InsightSummary;
import software.amazon.awssdk.services.eks.model.ListInsightsResponse;

/** {@link ClusterInfo} over the AWS SDK's {@link EksClient}. */
public final class EksClusterInfo implements ClusterInfo {

  private final Supplier<EksClient> eks;
  private final String clusterName;
  private final AwsRequestOverrideConfiguration retry;

  public EksClusterInfo(EksClient eks, String clusterName, EksRetry retry) {
    this(() -> eks, clusterName, retry);
  }

  /** Over a client built on first use. */
  public EksClusterInfo(Supplier<EksClient> eks, String clusterName, EksRetry retry) {
    this.eks = Objects.requireNonNull(eks, "eks");
    this.clusterName = Objects.requireNonNull(clusterName, "clusterName");
    this.retry = retry.override();
  }

  @Override
  public ControlPlane controlPlane() {
    Cluster cluster =
        call(
            "eks:DescribeCluster",
            () ->
                eks.get()
                    .describeCluster(r -> r.name(clusterName).overrideConfiguration(retry))
                    .cluster());
    String supportType =
        cluster.upgradePolicy() == null ? "" : text(cluster.upgradePolicy().supportTypeAsString());
    return new ControlPlane(
        cluster.name(),
        text(cluster.version()),
        text(cluster.platformVersion()),
        text(cluster.statusAsString()),
        supportType);
  }

  @Override
  public List<VersionSupport> versions() {
    List<VersionSupport> versions = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      DescribeClusterVersionsResponse page =
          call(
              "eks:DescribeClusterVersions",
              () ->
                  eks.get()
                      .describeClusterVersions(
                          r -> r.includeAll(true).nextToken(next).overrideConfiguration(retry)));
      for (ClusterVersionInformation version : page.clusterVersions()) {
        versions.add(
            new VersionSupport(
                version.clusterVersion(),
                day(version.endOfStandardSupportDate()),
                day(version.endOfExtendedSupportDate())));
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return versions;
  }

  @Override
  public List<UpgradeInsight> upgradeInsights() {
    List<UpgradeInsight> insights = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListInsightsResponse page =
          call(
              "eks:ListInsights",
              () ->
                  eks.get()
                      .listInsights(
                          r ->
                              r.clusterName(clusterName)
                                  .filter(f -> f.categories(Category.UPGRADE_READINESS))
                                  .nextToken(next)
                                  .overrideConfiguration(retry)));
      for (InsightSummary summary : page.insights()) {
        insights.add(describe(summary.id()));
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return insights;
  }

  private UpgradeInsight describe(String id) {
    Insight insight =
        call(
            "eks:DescribeInsight",
            () ->
                eks.get()
                    .describeInsight(
                        r -> r.clusterName(clusterName).id(id).overrideConfiguration(retry))
                    .insight());
    return EksInsights.toInsight(insight);
  }

  private <T> T call(String permission, Supplier<T> request) {
    try {
      return request.get();
    } catch (AwsServiceException e) {
      throw EksFaults.classify(e, permission, clusterName);
    } catch (SdkException e) {
      throw new EksApiException(
          EksApiException.Fault.FAILED,
          permission,
          permission
              + " for cluster "
              + clusterName
              + " failed before EKS answered ("
              + e.getClass().getSimpleName()
              + "); check the network path and proxy to the EKS endpoint",
          e);
    }
  }

  private static LocalDate day(Instant instant) {
    return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  static String text(String value) {
    return value == null ? "" : value;
  }
}
