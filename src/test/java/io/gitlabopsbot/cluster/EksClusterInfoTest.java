package io.gitlabopsbot.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.gitlabopsbot.cluster.EksFixtures.CLUSTER;
import static io.gitlabopsbot.cluster.EksFixtures.error;
import static io.gitlabopsbot.cluster.EksFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.EksClient;

class EksClusterInfoTest {

  private static final String INSIGHTS = "/clusters/" + CLUSTER + "/insights";

  private final WireMockServer wm =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private EksClient eks;
  private EksClusterInfo info;

  @BeforeEach
  void start() {
    wm.start();
    eks = EksFixtures.client(wm);
    info = new EksClusterInfo(eks, CLUSTER, EksFixtures.FAST_RETRY);
  }

  @AfterEach
  void stop() {
    eks.close();
    wm.stop();
  }

  @Test
  void controlPlane_readsVersionPlatformStatusAndSupportType_withSignedRequest() {
    wm.stubFor(get(urlPathEqualTo("/clusters/" + CLUSTER)).willReturn(ok("describe-cluster.json")));

    ControlPlane plane = info.controlPlane();

    assertThat(plane).isEqualTo(new ControlPlane(CLUSTER, "1.31", "eks.42", "ACTIVE", "EXTENDED"));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/clusters/" + CLUSTER))
            .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIDTEST/.*")));
  }

  @Test
  void versions_readsSupportDatesAsUtcDays() {
    wm.stubFor(
        get(urlPathEqualTo("/cluster-versions")).willReturn(ok("describe-cluster-versions.json")));

    List<VersionSupport> versions = info.versions();

    assertThat(versions)
        .contains(
            new VersionSupport("1.31", LocalDate.of(2025, 11, 26), LocalDate.of(2026, 11, 26)),
            new VersionSupport("1.32", LocalDate.of(2026, 3, 23), LocalDate.of(2027, 3, 23)));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/cluster-versions"))
            .withHeader("Authorization", matching("AWS4-HMAC-SHA256 .*")));
  }

  @Test
  void upgradeInsights_listsUpgradeReadinessAndDescribesEach() {
    wm.stubFor(post(urlPathEqualTo(INSIGHTS)).willReturn(ok("list-insights.json")));
    wm.stubFor(
        get(urlPathEqualTo(INSIGHTS + "/a1b2c3d4-0000-0000-0000-000000000001"))
            .willReturn(ok("describe-insight-deprecated.json")));
    wm.stubFor(
        get(urlPathEqualTo(INSIGHTS + "/a1b2c3d4-0000-0000-0000-000000000002"))
            .willReturn(ok("describe-insight-passing.json")));

    List<UpgradeInsight> insights = info.upgradeInsights();

    assertThat(insights).extracting(UpgradeInsight::status).containsExactly("ERROR", "PASSING");
    assertThat(insights.get(0).deprecations())
        .containsExactly(
            new UpgradeInsight.Deprecation(
                "/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas",
                "/apis/flowcontrol.apiserver.k8s.io/v1/flowschemas",
                "1.32",
                List.of("gitlab-runner", "kube-state-metrics")));
    assertThat(insights.get(1).deprecations()).isEmpty();
    wm.verify(
        postRequestedFor(urlPathEqualTo(INSIGHTS))
            .withRequestBody(
                equalToJson("{\"filter\":{\"categories\":[\"UPGRADE_READINESS\"]}}", true, true)));
  }

  @Test
  void upgradeInsights_whenNoneListed_isEmpty() {
    wm.stubFor(
        post(urlPathEqualTo(INSIGHTS))
            .willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"insights\":[]}")));

    assertThat(info.upgradeInsights()).isEmpty();
  }

  @Test
  void versions_whenAccessDenied_namesTheMissingPermission() {
    wm.stubFor(
        get(urlPathEqualTo("/cluster-versions"))
            .willReturn(error(403, "AccessDeniedException", "access-denied.json")));

    assertThatThrownBy(info::versions)
        .isInstanceOfSatisfying(
            EksApiException.class,
            e -> {
              assertThat(e.fault()).isEqualTo(EksApiException.Fault.ACCESS_DENIED);
              assertThat(e.permission()).isEqualTo("eks:DescribeClusterVersions");
              assertThat(e.getMessage())
                  .contains("eks:DescribeClusterVersions")
                  .doesNotContain("111122223333");
            });
    wm.verify(1, getRequestedFor(urlPathEqualTo("/cluster-versions")));
  }

  @Test
  void describeInsight_whenAccessDenied_namesDescribeInsight() {
    wm.stubFor(post(urlPathEqualTo(INSIGHTS)).willReturn(ok("list-insights.json")));
    wm.stubFor(
        get(urlPathEqualTo(INSIGHTS + "/a1b2c3d4-0000-0000-0000-000000000001"))
            .willReturn(error(403, "AccessDeniedException", "access-denied.json")));

    assertThatThrownBy(info::upgradeInsights)
        .isInstanceOfSatisfying(
            EksApiException.class,
            e -> assertThat(e.permission()).isEqualTo("eks:DescribeInsight"));
  }

  @Test
  void controlPlane_whenClusterMissing_isNotFound() {
    wm.stubFor(
        get(urlPathEqualTo("/clusters/" + CLUSTER))
            .willReturn(error(404, "ResourceNotFoundException", "not-found.json")));

    assertThatThrownBy(info::controlPlane)
        .isInstanceOfSatisfying(
            EksApiException.class,
            e -> {
              assertThat(e.fault()).isEqualTo(EksApiException.Fault.NOT_FOUND);
              assertThat(e.getMessage()).contains("aws.eksClusterName");
            });
  }

  @Test
  void controlPlane_whenThrottledTwice_retriesAndSucceeds() {
    String path = "/clusters/" + CLUSTER;
    wm.stubFor(
        get(urlPathEqualTo(path))
            .inScenario("throttle")
            .whenScenarioStateIs(STARTED)
            .willReturn(error(429, "ThrottlingException", "throttled.json"))
            .willSetStateTo("once"));
    wm.stubFor(
        get(urlPathEqualTo(path))
            .inScenario("throttle")
            .whenScenarioStateIs("once")
            .willReturn(error(429, "ThrottlingException", "throttled.json"))
            .willSetStateTo("twice"));
    wm.stubFor(
        get(urlPathEqualTo(path))
            .inScenario("throttle")
            .whenScenarioStateIs("twice")
            .willReturn(ok("describe-cluster.json")));

    assertThat(info.controlPlane().version()).isEqualTo("1.31");
    wm.verify(3, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void controlPlane_whenAlwaysThrottled_givesUpAfterMaxAttempts() {
    String path = "/clusters/" + CLUSTER;
    wm.stubFor(
        get(urlPathEqualTo(path)).willReturn(error(429, "ThrottlingException", "throttled.json")));

    assertThatThrownBy(info::controlPlane)
        .isInstanceOfSatisfying(
            EksApiException.class,
            e -> assertThat(e.fault()).isEqualTo(EksApiException.Fault.THROTTLED));
    wm.verify(EksFixtures.FAST_RETRY.maxAttempts(), getRequestedFor(urlPathEqualTo(path)));
  }
}
