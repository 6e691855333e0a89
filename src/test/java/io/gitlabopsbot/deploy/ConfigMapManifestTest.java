package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.readDocuments;
import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample config.yaml has the bot's config shape and agrees with the other manifests. */
class ConfigMapManifestTest {

  private static JsonNode config() {
    String text = single("configmap.yaml").path("data").path("config.yaml").asText();
    List<JsonNode> docs = readDocuments(text);
    assertThat(docs).hasSize(1);
    return docs.get(0);
  }

  @Test
  void config_hasTheBotsTopLevelSections() {
    List<String> keys = new ArrayList<>();
    config().fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("slack", "http", "store", "access", "targets", "aws", "dryRun");
    assertThat(config().path("dryRun").isBoolean()).isTrue();
  }

  @Test
  void config_usesSocketModeAndListensOnTheContainerPort() {
    JsonNode config = config();
    assertThat(config.path("slack").path("mode").asText()).isEqualTo("socket");
    assertThat(config.path("slack").path("slashCommand").asText()).isEqualTo("/gitlab");
    assertThat(config.path("slack").path("apiBaseUrl").asText()).endsWith("/api/");
    assertThat(config.path("http").path("bindAddress").asText()).isEqualTo("0.0.0.0");
    assertThat(config.path("http").path("port").asInt()).isEqualTo(8080);
    assertThat(config.path("http").path("managementPort").asInt()).isEqualTo(9090);
  }

  @Test
  void config_keepsTheEmbeddedStoreInTheDataVolume_andHoldsNoPassword() {
    JsonNode store = config().path("store");
    // On the PersistentVolumeClaim mounted at /app/data (see DurableStoreManifestTest).
    assertThat(store.path("jdbcUrl").asText()).startsWith("jdbc:h2:file:/app/data/");
    assertThat(store.has("password")).isFalse();
    assertThat(store.path("maxPoolSize").asInt()).isPositive();
  }

  @Test
  void config_usesPlaceholderSlackIds() {
    JsonNode access = config().path("access");
    assertThat(access.path("teamId").asText()).matches("T0+");
    assertThat(access.path("allowedChannels").get(0).asText()).matches("C0+");
    List<String> users = new ArrayList<>();
    access.path("roles").forEach(role -> role.path("users").forEach(u -> users.add(u.asText())));
    assertThat(users).isNotEmpty().allMatch(u -> u.matches("U0+1?"));
    assertThat(access.path("roles").fieldNames())
        .toIterable()
        .containsExactly("viewer", "operator", "approver");
  }

  @Test
  void target_matchesTheNamespaceAndTheRailsSecretTheRoleMayTouch() {
    JsonNode targets = config().path("targets");
    JsonNode target = targets.path("list").get(0);
    assertThat(target.path("name").asText()).isEqualTo(targets.path("default").asText());
    assertThat(target.path("namespace").asText())
        .isEqualTo(single("kustomization.yaml").path("namespace").asText());

    List<String> secretNames = new ArrayList<>();
    for (JsonNode rule : single("role.yaml").path("rules")) {
      rule.path("resourceNames").forEach(n -> secretNames.add(n.asText()));
    }
    assertThat(secretNames).containsExactly(target.path("railsSecretName").asText());
  }
}
