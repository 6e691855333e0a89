package io.gitlabopsbot.kubernetes;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class Fabric8RailsSecretsTest {

  private static final String NAME = "gitlab-rails-secret";
  private static final String PATH = "/api/v1/namespaces/gitlab/secrets/" + NAME;
  private static final String OLD = "CANARY-old-secret_key_base-51c2";
  private static final String NEW = "CANARY-new-secret_key_base-9e07";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient noRetry;

  @BeforeEach
  void noRetryClient() {
    noRetry = ToolboxFixtures.noRetry(client);
  }

  @AfterEach
  void close() {
    noRetry.close();
  }

  private Fabric8RailsSecrets secrets() {
    return new Fabric8RailsSecrets(noRetry);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(bytes(s));
  }

  private static Secret railsSecret(String value) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NS)
        .withLabels(Map.of("app", "shared-secrets", "release", "gitlab"))
        .withAnnotations(Map.of("helm.sh/resource-policy", "keep"))
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of("secrets.yml", base64(value)))
        .build();
  }

  private Secret seed(String value) {
    return client.secrets().inNamespace(NS).resource(railsSecret(value)).create();
  }

  private Secret stored() {
    return client.secrets().inNamespace(NS).withName(NAME).get();
  }

  @Test
  void read_decodesDataAtItsVersionByNameOnly() throws Exception {
    Secret seeded = seed(OLD);
    int before = server.getRequestCount();

    SecretSnapshot snapshot = secrets().read(NS, NAME).orElseThrow();

    assertThat(snapshot.name()).isEqualTo(NAME);
    assertThat(snapshot.resourceVersion()).isEqualTo(seeded.getMetadata().getResourceVersion());
    assertThat(snapshot.data()).containsOnlyKeys("secrets.yml");
    assertThat(snapshot.data().get("secrets.yml")).isEqualTo(bytes(OLD));
    assertThat(server.getRequestCount() - before).isOne();
    assertThat(server.getLastRequest().getPath()).isEqualTo(PATH);
  }

  @Test
  void read_whenMissing_isEmpty() {
    assertThat(secrets().read(NS, NAME)).isEmpty();
  }

  @Test
  void read_whenForbidden_throwsForbiddenNamingTheSecret() {
    server.expect().get().withPath(PATH).andReturn(403, "{}").always();

    assertThatThrownBy(() -> secrets().read(NS, NAME))
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("read Secret gitlab/" + NAME);
  }

  @Test
  void replace_swapsDataAndKeepsLabelsAnnotationsAndType() {
    seed(OLD);
    SecretSnapshot read = secrets().read(NS, NAME).orElseThrow();

    secrets().replace(NS, NAME, Map.of("secrets.yml", bytes(NEW)), read.resourceVersion());

    Secret after = stored();
    assertThat(after.getData()).isEqualTo(Map.of("secrets.yml", base64(NEW)));
    assertThat(after.getMetadata().getLabels())
        .isEqualTo(Map.of("app", "shared-secrets", "release", "gitlab"));
    assertThat(after.getMetadata().getAnnotations())
        .isEqualTo(Map.of("helm.sh/resource-policy", "keep"));
    assertThat(after.getType()).isEqualTo("Opaque");
    assertThat(after.getMetadata().getResourceVersion()).isNotEqualTo(read.resourceVersion());
  }

  @Test
  void replace_whenChangedSinceRead_isConflictAndWritesNothing() {
    seed(OLD);
    SecretSnapshot read = secrets().read(NS, NAME).orElseThrow();
    client
        .secrets()
        .inNamespace(NS)
        .withName(NAME)
        .edit(
            s -> {
              s.getMetadata().getLabels().put("touched", "yes");
              return s;
            });
    Secret changed = stored();

    Throwable thrown =
        catchThrowable(
            () ->
                secrets()
                    .replace(NS, NAME, Map.of("secrets.yml", bytes(NEW)), read.resourceVersion()));

    assertThat(thrown)
        .isInstanceOf(ClusterException.Conflict.class)
        .hasMessageContaining("Secret gitlab/" + NAME + " changed since it was read")
        .hasMessageContaining("nothing was written");
    assertThat(stored()).isEqualTo(changed);
    assertNoCanary(thrown);
  }

  @Test
  void replace_whenWriteRacesAfterTheCheck_serverRefusesAndItIsConflict() {
    Secret original = seed(OLD);
    client
        .secrets()
        .inNamespace(NS)
        .withName(NAME)
        .edit(
            s -> {
              s.getMetadata().getLabels().put("touched", "yes");
              return s;
            });
    // The Secret changes between our read and our write: the read answers the old version once
    // (registered after the edit, which reads the Secret itself).
    server.expect().get().withPath(PATH).andReturn(200, original).once();
    int before = server.getRequestCount();

    Throwable thrown =
        catchThrowable(
            () ->
                secrets()
                    .replace(
                        NS,
                        NAME,
                        Map.of("secrets.yml", bytes(NEW)),
                        original.getMetadata().getResourceVersion()));

    assertThat(thrown)
        .isInstanceOf(ClusterException.Conflict.class)
        .hasMessageContaining("HTTP 409");
    assertThat(server.getRequestCount() - before).as("read and refused write").isEqualTo(2);
    assertThat(stored().getData()).isEqualTo(Map.of("secrets.yml", base64(OLD)));
    assertNoCanary(thrown);
  }

  @Test
  void replace_whenMissing_isNotFound() {
    assertThatThrownBy(() -> secrets().replace(NS, NAME, Map.of("k", bytes(NEW)), "1"))
        .isInstanceOf(ClusterException.NotFound.class)
        .hasMessageContaining("railsSecretName");
  }

  @Test
  void replace_whenUpdateForbidden_isForbidden() {
    Secret seeded = seed(OLD);
    server.expect().put().withPath(PATH).andReturn(403, "{}").always();

    Throwable thrown =
        catchThrowable(
            () ->
                secrets()
                    .replace(
                        NS,
                        NAME,
                        Map.of("secrets.yml", bytes(NEW)),
                        seeded.getMetadata().getResourceVersion()));

    assertThat(thrown)
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("replace the data of Secret gitlab/" + NAME);
    assertNoCanary(thrown);
  }

  @Test
  void replace_whenImmutable_refusesWithAClearReason() {
    Secret immutable = railsSecret(OLD);
    immutable.setImmutable(true);
    Secret seeded = client.secrets().inNamespace(NS).resource(immutable).create();

    assertThatThrownBy(
            () ->
                secrets()
                    .replace(
                        NS,
                        NAME,
                        Map.of("secrets.yml", bytes(NEW)),
                        seeded.getMetadata().getResourceVersion()))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("immutable");
    assertThat(stored().getData()).isEqualTo(Map.of("secrets.yml", base64(OLD)));
  }

  @Test
  void snapshotText_neverShowsAValue() {
    seed(OLD);

    SecretSnapshot snapshot = secrets().read(NS, NAME).orElseThrow();

    assertThat(snapshot.toString()).contains("secrets.yml").doesNotContain(OLD, base64(OLD));
  }

  /** No value, plain or base64, anywhere in the exception, its causes or its stack trace. */
  private static void assertNoCanary(Throwable thrown) {
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    assertThat(text.toString()).isNotEmpty().doesNotContain("CANARY", base64(OLD), base64(NEW));
  }
}
