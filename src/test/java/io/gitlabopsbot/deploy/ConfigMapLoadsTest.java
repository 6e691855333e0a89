package io.gitlabopsbot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.SettingsLoader;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.net.EnvironmentProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config shipped in the ConfigMap passes the bot's own validation, as the pod will run it. */
class ConfigMapLoadsTest {

  @TempDir Path dir;

  @Test
  void configMapConfig_isAcceptedByTheLoaderWithTheSecretsThePodGets() throws IOException {
    JsonNode configMap = new YAMLMapper().readTree(Path.of("manifests/configmap.yaml").toFile());
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, configMap.path("data").path("config.yaml").asText());
    Map<String, String> podEnv =
        Map.of("SLACK_BOT_TOKEN", "xoxb-CANARY-1", "SLACK_APP_TOKEN", "xapp-CANARY-2");

    Settings settings =
        new SettingsLoader(podEnv, EnvironmentProxy::fromEnvironment).load(config, false);

    assertThat(settings.slack().mode()).isEqualTo(SlackSettings.Mode.SOCKET);
    assertThat(settings.http().port()).isEqualTo(8080);
    assertThat(settings.http().bindAddress()).isEqualTo("0.0.0.0");
  }
}
