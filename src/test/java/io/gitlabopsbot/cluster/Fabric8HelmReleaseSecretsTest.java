package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class Fabric8HelmReleaseSecretsTest {

  static final String NS = "gitlab";
  static final String PREFIX = "sh.helm.release.v1.gitlab.v";

  // One mock server per class, emptied before each test: a server per test made the class slow.
  static KubernetesMockServer server;
  static KubernetesClient client;

  @BeforeEach
  void emptyServer() {
    server.reset();
  }

  @Test
  void newest_picksHighestGrantedDeployedRevision() {
    grant(server, PREFIX + "41", PREFIX + "42", "gitlab-rails-secret");
    seed(client, 41, "superseded", record(41, "superseded"));
    seed(client, 42, "deployed", record(42, "deployed"));

    HelmReleaseLookup lookup = new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(lookup).isInstanceOf(HelmReleaseLookup.Found.class);
    HelmReleaseLookup.Found found = (HelmReleaseLookup.Found) lookup;
    assertThat(found.release().revision()).isEqualTo(42);
    assertThat(found.note()).isEmpty();
  }

  @Test
  void newest_whenNewestGrantedIsPruned_fallsBackAndSaysSo() {
    grant(server, PREFIX + "9", PREFIX + "10");
    seed(client, 9, "deployed", record(9, "deployed"));

    HelmReleaseLookup.Found found =
        (HelmReleaseLookup.Found) new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(found.release().revision()).isEqualTo(9);
    assertThat(found.note()).contains("`" + PREFIX + "10` no longer exists");
  }

  @Test
  void newest_whenNoRevisionDeployed_showsNewestAndSaysSo() {
    grant(server, PREFIX + "5");
    seed(client, 5, "failed", record(5, "failed"));

    HelmReleaseLookup.Found found =
        (HelmReleaseLookup.Found) new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(found.release().status()).isEqualTo("failed");
    assertThat(found.note()).contains("no readable revision has status `deployed`");
  }

  @Test
  void newest_whenRoleNamesNoRecord_explainsTheOptInRole() {
    grant(server, "gitlab-rails-secret", "sh.helm.release.v1.other.v3");
    seed(client, 42, "deployed", record(42, "deployed"));

    HelmReleaseLookup lookup = new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(lookup)
        .isEqualTo(
            new HelmReleaseLookup.Unavailable(
                "the bot's Role grants `get` on no Helm release record of `gitlab` in namespace"
                    + " `gitlab`; apply `manifests/optional/role-helm-release-secrets.yaml` naming"
                    + " the current revision (`kubectl -n gitlab get secrets -l"
                    + " owner=helm,name=gitlab`)"));
  }

  @Test
  void newest_whenGetIsForbidden_saysWhichSecret() {
    grant(server, PREFIX + "42");
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/gitlab/secrets/" + PREFIX + "42")
        .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").build())
        .always();

    HelmReleaseLookup lookup = new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(((HelmReleaseLookup.Unavailable) lookup).why())
        .startsWith(
            "no Helm release record the Role names could be read (`"
                + PREFIX
                + "42`"
                + " unreadable: forbidden)");
  }

  @Test
  void newest_whenRulesReviewFails_saysSo() {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(401, new StatusBuilder().withCode(401).build())
        .always();

    HelmReleaseLookup lookup = new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(((HelmReleaseLookup.Unavailable) lookup).why())
        .startsWith(
            "cannot ask the Kubernetes API which Secrets the bot may read"
                + " (SelfSubjectRulesReview: HTTP 401)");
  }

  @Test
  void newest_whenPayloadIsMalformed_saysWhichRecordAndLayer() {
    grant(server, PREFIX + "42");
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(PREFIX + "42")
                .withLabels(
                    Map.of(
                        "owner", "helm", "name", "gitlab", "status", "deployed", "version", "42"))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .withData(
                    Map.of("release", Base64.getEncoder().encodeToString("not-base64!".getBytes())))
                .build())
        .create();

    HelmReleaseLookup lookup = new Fabric8HelmReleaseSecrets(client).newest(NS, "gitlab");

    assertThat(lookup)
        .isEqualTo(
            new HelmReleaseLookup.Unavailable(
                "the Helm release record `"
                    + PREFIX
                    + "42` could not be decoded: the Helm payload"
                    + " inside the Secret is not base64; check it was written by Helm 3"));
  }

  /** Lets the bot {@code get} exactly these Secrets, as the opt-in Role does. */
  static void grant(KubernetesMockServer server, String... secretNames) {
    server
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .addNewResourceRule()
                .withApiGroups("")
                .withResources("pods")
                .withVerbs("get", "list", "watch")
                .endResourceRule()
                .addNewResourceRule()
                .withApiGroups("")
                .withResources("secrets")
                .withResourceNames(secretNames)
                .withVerbs("get")
                .endResourceRule()
                .endStatus()
                .build())
        .always();
  }

  /** Stores a release record the way Helm 3 does: labels, type, gzip + base64 inside the data. */
  static void seed(KubernetesClient client, int revision, String status, String recordJson) {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(PREFIX + revision)
                .withLabels(
                    Map.of(
                        "owner",
                        "helm",
                        "name",
                        "gitlab",
                        "status",
                        status,
                        "version",
                        String.valueOf(revision)))
                .endMetadata()
                .withType("helm.sh/release.v1")
                .withData(Map.of("release", secretData(recordJson)))
                .build())
        .create();
  }

  /** The release JSON Helm writes, with the fixture manifest and values holding a password. */
  static String record(int revision, String status) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("name", "gitlab").put("version", revision).put("namespace", NS);
    root.putObject("info").put("status", status);
    root.putObject("chart").putObject("metadata").put("name", "gitlab").put("version", "8.5.2");
    root.putObject("config").putObject("global").put("psql", "password-in-values");
    root.put("manifest", fixture("gitlab-manifest.yaml"));
    return root.toString();
  }

  /** What the Kubernetes API returns in {@code data.release}: base64(base64(gzip(json))). */
  static String secretData(String recordJson) {
    String helm = Base64.getEncoder().encodeToString(gzip(recordJson));
    return Base64.getEncoder().encodeToString(helm.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String fixture(String name) {
    try (InputStream in =
        Fabric8HelmReleaseSecretsTest.class.getResourceAsStream("/fixtures/helm/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
