package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.Fabric8RailsSecrets;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.kubernetes.WorkloadFixtures;
import io.gitlabopsbot.migration.steps.Prerequisites;
import io.gitlabopsbot.ssh.JschRemoteHost;
import io.gitlabopsbot.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class PrerequisitesTest {

  private static OmnibusHostServer host;

  KubernetesClient client;

  @BeforeAll
  static void startHost() {
    host = OmnibusHostServer.start();
  }

  @AfterAll
  static void stopHost() {
    host.close();
  }

  @BeforeEach
  void seed() {
    host.reset();
    ToolboxFixtures.seedToolbox(client);
    client
        .secrets()
        .inNamespace(ToolboxFixtures.NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("gitlab-rails-secret")
                .endMetadata()
                .withData(Map.of("secrets.yml", "cHJvZHVjdGlvbjoge30K"))
                .build())
        .create();
  }

  private void webservice(String tag) {
    client
        .apps()
        .deployments()
        .inNamespace(ToolboxFixtures.NS)
        .resource(
            WorkloadFixtures.deployment(
                "gitlab-webservice-default",
                "webservice",
                "gitlab",
                2,
                WorkloadFixtures.CNG + "gitlab-webservice-ee:" + tag))
        .create();
  }

  private List<Prerequisite> check(SshSettings ssh, Predicate<String> bucketExists) {
    MigrationOptions options =
        new MigrationOptions(
            ObjectStorageSettings.aws(
                Map.of(
                    ObjectType.UPLOADS,
                    "acme-uploads",
                    ObjectType.ARTIFACTS,
                    "acme-artifacts",
                    ObjectType.LFS,
                    "acme-lfs"),
                "gitlab-backups",
                "eu-west-1"),
            "plan",
            "gitlab",
            ToolboxFixtures.NS);
    return new Prerequisites(
            options,
            "app=toolbox",
            "gitlab-rails-secret",
            () -> new JschRemoteHost(ssh),
            new Fabric8Workloads(client),
            new Fabric8GitLabCluster(client),
            new Fabric8RailsSecrets(client),
            bucketExists)
        .check();
  }

  private static Prerequisite named(List<Prerequisite> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void check_whenEverythingIsInPlace_findsEveryPrerequisiteMet() {
    webservice("v17.5.2");

    List<Prerequisite> checks = check(host.settings(), bucket -> true);

    assertThat(checks)
        .allSatisfy(c -> assertThat(c.met()).as(c.name() + ": " + c.detail()).isTrue());
    assertThat(named(checks, "same GitLab version").detail()).isEqualTo("both run 17.5.2");
  }

  @Test
  void check_whenTheChartRunsAnotherVersion_saysWhichVersionToDeploy() {
    webservice("v17.6.0");

    Prerequisite version = named(check(host.settings(), bucket -> true), "same GitLab version");

    assertThat(version.met()).isFalse();
    assertThat(version.detail())
        .contains("the host runs 17.5.2 but the chart runs 17.6.0")
        .contains("deploy the chart with GitLab 17.5.2");
  }

  @Test
  void check_whenABucketIsMissing_namesIt() {
    webservice("v17.5.2");

    Prerequisite buckets =
        named(check(host.settings(), bucket -> !Set.of("acme-lfs").contains(bucket)), "buckets");

    assertThat(buckets.met()).isFalse();
    assertThat(buckets.detail()).isEqualTo("missing: acme-lfs");
  }

  @Test
  void check_whenTheHostsSecretsFileLacksKeys_namesThemWithoutTheirValues() throws Exception {
    webservice("v17.5.2");
    Files.writeString(Path.of(OmnibusHostServer.SECRETS), SecretFixtures.canaryJson());

    Prerequisite secrets = named(check(host.settings(), bucket -> true), "gitlab-secrets.json");

    assertThat(secrets.met()).isFalse();
    assertThat(secrets.detail()).contains("openid_connect_signing_key").doesNotContain("CANARY");
  }

  @Test
  void check_whenTheHostKeyIsNotPinned_refusesTheHost() throws Exception {
    webservice("v17.5.2");
    Path empty = Files.createTempFile("known_hosts", "");
    SshSettings settings = host.settings();
    SshSettings unpinned =
        new SshSettings(
            settings.host(),
            settings.port(),
            settings.user(),
            settings.key(),
            settings.passphrase(),
            empty,
            settings.connectTimeout(),
            settings.keepAliveInterval(),
            settings.keepAliveMaxMissed(),
            settings.defaultCommandTimeout(),
            settings.useSudo());

    Prerequisite ssh = named(check(unpinned, bucket -> true), "Omnibus host over SSH");

    assertThat(ssh.met()).isFalse();
    assertThat(ssh.detail()).contains("known_hosts");
    Files.delete(empty);
  }
}
