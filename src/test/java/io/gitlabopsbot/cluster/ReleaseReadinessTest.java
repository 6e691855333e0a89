package io.gitlabopsbot.cluster;

import static io.gitlabopsbot.cluster.Fabric8HelmReleaseSecretsTest.PREFIX;
import static io.gitlabopsbot.cluster.Fabric8HelmReleaseSecretsTest.grant;
import static io.gitlabopsbot.cluster.Fabric8HelmReleaseSecretsTest.record;
import static io.gitlabopsbot.cluster.Fabric8HelmReleaseSecretsTest.seed;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.TextRenderer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ReleaseReadinessTest {

  // One mock server per class, emptied before each test: a server per test made the class slow.
  static KubernetesMockServer server;
  static KubernetesClient client;

  @BeforeEach
  void emptyServer() {
    server.reset();
  }

  private ReleaseReadiness readiness(boolean enabled) {
    return new ReleaseReadiness(
        new ReleaseReadinessSettings(enabled),
        new Fabric8HelmReleaseSecrets(client),
        RemovedApis.bundled(),
        "gitlab",
        "gitlab");
  }

  private String render(ReleaseReadiness check, String controlPlane) {
    return ReleaseReadinessText.render(
        check.check(MinorVersion.parse(controlPlane)), check.enabled());
  }

  @Test
  void check_onControlPlane125_listsWhatBreaksOnTheNextTwoUpgrades() {
    grant(server, PREFIX + "42");
    seed(client, 42, "deployed", record(42, "deployed"));

    String text = render(readiness(true), "1.25");

    assertThat(text)
        .contains("Release `gitlab` revision 42 (deployed, chart `gitlab-8.5.2`)")
        .contains("checked up to Kubernetes 1.27")
        .contains(
            ":warning: would break: HorizontalPodAutoscaler `autoscaling/v2beta2` (removed in"
                + " 1.26) — use `autoscaling/v2`")
        .contains(":x: already removed: CronJob `batch/v1beta1` (removed in 1.25) — use `batch/v1`")
        .contains("helm-mapkubeapis")
        // 1.32 is beyond the next two upgrades of a 1.25 cluster.
        .doesNotContain("FlowSchema")
        .doesNotContain("password-in-values")
        .doesNotContain("hunter2");
    assertThat(text.indexOf("CronJob")).isLessThan(text.indexOf("HorizontalPodAutoscaler"));
  }

  @Test
  void check_onControlPlane131_flagsFlowSchemaFor132Only() {
    grant(server, PREFIX + "42");
    seed(client, 42, "deployed", record(42, "deployed"));

    String text = render(readiness(true), "v1.31.4-eks-1a2b3c4");

    assertThat(text)
        .contains(
            "would break: FlowSchema `flowcontrol.apiserver.k8s.io/v1beta3` (removed in 1.32) — use"
                + " `flowcontrol.apiserver.k8s.io/v1`")
        .contains("already removed: HorizontalPodAutoscaler `autoscaling/v2beta2`");
  }

  @Test
  void check_whenNothingIsRemoved_saysSo() {
    grant(server, PREFIX + "42");
    seed(client, 42, "deployed", record(42, "deployed"));

    String text = render(readiness(true), "1.22");

    assertThat(text)
        .contains(":white_check_mark: Nothing in the release uses an API removed up to 1.24")
        .doesNotContain("would break");
  }

  @Test
  void check_whenOff_readsNothingAndSaysHowToTurnItOn() {
    String text = render(readiness(false), "1.25");

    assertThat(text)
        .contains(":information_source: GitLab readiness check is off (opt-in:")
        .contains("role-helm-release-secrets.yaml")
        .contains("Rely on the upgrade insights");
    assertThat(server.getRequestCount()).isZero();
    assertThat(render(ReleaseReadiness.off(), "1.25")).contains("check is off");
  }

  @Test
  void check_whenRecordMissing_explainsInsteadOfFailing() {
    grant(server, PREFIX + "42");

    String text = render(readiness(true), "1.25");

    assertThat(text)
        .contains(":warning: GitLab readiness not checked: no Helm release record the Role names")
        .contains("`" + PREFIX + "42` no longer exists");
  }

  @Test
  void clusterReport_withReadinessOn_showsTheSectionAfterSkew() {
    grant(server, PREFIX + "42");
    seed(client, 42, "deployed", record(42, "deployed"));
    ClusterInfo eks =
        new ClusterInfo() {
          @Override
          public ControlPlane controlPlane() {
            return new ControlPlane("prod", "1.25", "eks.9", "ACTIVE", "STANDARD");
          }

          @Override
          public List<VersionSupport> versions() {
            return List.of();
          }

          @Override
          public List<UpgradeInsight> upgradeInsights() {
            return List.of();
          }
        };
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    Message message =
        new ClusterReport(eks, List::of, SupportCalendar.bundled(), clock, readiness(true)).build();

    String text = new TextRenderer().render(message);
    assertThat(text).contains(ReleaseReadinessText.TITLE.trim()).contains("would break:");
    assertThat(text.indexOf("Version skew")).isLessThan(text.indexOf("GitLab readiness"));
  }

  @Test
  void check_whenControlPlaneVersionUnknown_saysSo() {
    Part<ReleaseReadiness.Result> part = readiness(true).check(Optional.empty());

    assertThat(part)
        .isEqualTo(
            new Part.Missing<ReleaseReadiness.Result>(
                "GitLab readiness not checked: the control plane version is unknown."));
  }
}
