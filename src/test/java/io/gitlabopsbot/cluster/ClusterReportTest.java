package io.gitlabopsbot.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.gitlabopsbot.cluster.EksFixtures.CLUSTER;
import static io.gitlabopsbot.cluster.EksFixtures.error;
import static io.gitlabopsbot.cluster.EksFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.TextRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

@EnableKubernetesMockClient(crud = true)
class ClusterReportTest {

  private static final String INSIGHTS = "/clusters/" + CLUSTER + "/insights";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final WireMockServer WM =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());

  // One EKS stand-in, one Kubernetes mock server and one client for the class: the tests only
  // read from them, and starting them per test made the class slow.
  static KubernetesClient client;
  private static EksClient eks;

  @BeforeAll
  static void start() {
    WM.start();
    eks = EksFixtures.client(WM);
    Fabric8NodeVersionsTest.seedNode(client, "ip-10-0-1-1", "v1.31.4-eks-1a2b3c4");
    Fabric8NodeVersionsTest.seedNode(client, "ip-10-0-1-2", "v1.31.4-eks-1a2b3c4");
    Fabric8NodeVersionsTest.seedNode(client, "ip-10-0-1-3", "v1.28.15-eks-473151a");
  }

  @AfterAll
  static void stop() {
    eks.close();
    WM.stop();
  }

  @BeforeEach
  void resetStubs() {
    WM.resetAll();
  }

  private Message report(KubernetesClient kubernetes) {
    return new ClusterReport(
            new EksClusterInfo(eks, CLUSTER, EksFixtures.FAST_RETRY),
            new Fabric8NodeVersions(kubernetes),
            SupportCalendar.bundled(),
            CLOCK)
        .build();
  }

  private static List<Block.Field> fields(Message message) {
    return message.blocks().stream()
        .filter(Block.Fields.class::isInstance)
        .flatMap(b -> ((Block.Fields) b).fields().stream())
        .toList();
  }

  private String text(Message message) {
    return new TextRenderer().render(message);
  }

  private static void stubAll() {
    WM.stubFor(get(urlPathEqualTo("/clusters/" + CLUSTER)).willReturn(ok("describe-cluster.json")));
    WM.stubFor(
        get(urlPathEqualTo("/cluster-versions")).willReturn(ok("describe-cluster-versions.json")));
    WM.stubFor(post(urlPathEqualTo(INSIGHTS)).willReturn(ok("list-insights.json")));
    WM.stubFor(
        get(urlPathEqualTo(INSIGHTS + "/a1b2c3d4-0000-0000-0000-000000000001"))
            .willReturn(ok("describe-insight-deprecated.json")));
    WM.stubFor(
        get(urlPathEqualTo(INSIGHTS + "/a1b2c3d4-0000-0000-0000-000000000002"))
            .willReturn(ok("describe-insight-passing.json")));
  }

  @Test
  void build_showsVersionSupportDaysLeftNextVersionInsightsAndSkew() {
    stubAll();

    Message message = report(client);

    assertThat(fields(message))
        .contains(
            new Block.Field("Kubernetes", "`1.31`"),
            new Block.Field("Platform", "`eks.42`"),
            new Block.Field("Status", "ACTIVE"),
            new Block.Field("End of standard support", "2025-11-26 (364 days ago)"),
            new Block.Field("End of extended support", "2026-11-26 (in 1 day)"),
            new Block.Field("Next version", "`1.32`, standard support until 2026-03-23"));
    assertThat(message.text()).contains("supported until 2026-11-26 (in 1 day)");
    assertThat(text(message))
        .contains("Support dates from the EKS API")
        .contains("ERROR* Deprecated APIs removed in Kubernetes v1.32")
        .contains(
            "`/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas` stops being served in 1.32;"
                + " use `/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas`;"
                + " still called by `gitlab-runner`, `kube-state-metrics`")
        .contains("PASSING* Kubelet version skew")
        .contains("`1.31` on 2 nodes (same as control plane)")
        .contains("`1.28` on 1 node (3 behind)")
        .contains("1 node(s) are 3 minor versions behind: upgrade them before the control plane");
  }

  @Test
  void build_whenVersionsCallDenied_usesBundledCalendarAndSaysSo() {
    stubAll();
    WM.stubFor(
        get(urlPathEqualTo("/cluster-versions"))
            .willReturn(error(403, "AccessDeniedException", "access-denied.json")));

    Message message = report(client);

    assertThat(fields(message))
        .contains(
            new Block.Field("End of extended support", "2026-11-26 (in 1 day)"),
            new Block.Field("Next version", "`1.32`, standard support until 2026-03-23"));
    assertThat(text(message))
        .contains("bundled copy of the AWS EKS release calendar")
        .contains("lacks `eks:DescribeClusterVersions`")
        .doesNotContain("111122223333");
  }

  @Test
  void build_whenVersionDeniedAndUnknownToCalendar_saysDatesAreUnknown() {
    stubAll();
    WM.stubFor(
        get(urlPathEqualTo("/clusters/" + CLUSTER))
            .willReturn(
                okJson(EksFixtures.body("describe-cluster.json").replace("\"1.31\"", "\"1.99\""))));
    WM.stubFor(
        get(urlPathEqualTo("/cluster-versions"))
            .willReturn(error(403, "AccessDeniedException", "access-denied.json")));

    String text = text(report(client));

    assertThat(text)
        .contains("Support dates unknown: version 1.99 is not in the bot's bundled EKS calendar")
        .contains("lacks `eks:DescribeClusterVersions`")
        .doesNotContain("End of standard support")
        .contains("Upgrade insights");
  }

  @Test
  void build_whenInsightsDenied_namesListInsightsAndShowsTheRest() {
    stubAll();
    WM.stubFor(
        post(urlPathEqualTo(INSIGHTS))
            .willReturn(error(403, "AccessDeniedException", "access-denied.json")));

    String text = text(report(client));

    assertThat(text)
        .contains("Upgrade insights not shown: the bot's IAM role lacks `eks:ListInsights`")
        .contains("End of extended support: 2026-11-26")
        .contains("`1.31` on 2 nodes");
  }

  @Test
  void build_whenNoInsights_saysNoneYet() {
    stubAll();
    WM.stubFor(post(urlPathEqualTo(INSIGHTS)).willReturn(okJson("{\"insights\":[]}")));

    assertThat(text(report(client)))
        .contains("EKS reports no upgrade-readiness insights for this cluster yet");
  }

  @Test
  void build_whenKubernetesUnreachable_skewSaysSoAndTheRestIsShown() {
    stubAll();

    String text;
    try (KubernetesClient unreachable = ClusterReportFixtures.unreachableKubernetes()) {
      text = text(report(unreachable));
    }

    assertThat(text)
        .contains("Version skew not shown: the Kubernetes API could not be read")
        .contains("End of extended support: 2026-11-26")
        .contains("Deprecated APIs removed in Kubernetes v1.32");
  }

  @Test
  void build_whenClusterNotFound_saysWhichSettingToCheck() {
    WM.stubFor(
        get(urlPathEqualTo("/clusters/" + CLUSTER))
            .willReturn(error(404, "ResourceNotFoundException", "not-found.json")));

    assertThat(text(report(client)))
        .startsWith(":x: Cannot describe the EKS cluster: EKS has no cluster named gitlab-prod")
        .contains("aws.eksClusterName");
  }

  @Test
  void build_whenDescribeClusterDenied_namesThePermission() {
    WM.stubFor(
        get(urlPathEqualTo("/clusters/" + CLUSTER))
            .willReturn(error(403, "AccessDeniedException", "access-denied.json")));

    assertThat(text(report(client)))
        .contains("the bot's IAM role lacks `eks:DescribeCluster`; grant it")
        .doesNotContain("111122223333");
  }
}
