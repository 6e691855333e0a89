package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.readDocuments;
import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Slack app manifest registers the slash command, the scopes and the delivery settings. */
class SlackAppManifestTest {

  private static final String REQUEST_URL = "https://gitlab-ops-bot.example.com/slack/events";

  private final JsonNode manifest = single("slack-app-manifest.yaml");

  @Test
  void manifest_registersTheGitlabSlashCommand() {
    JsonNode commands = manifest.path("features").path("slash_commands");
    assertThat(commands).hasSize(1);
    JsonNode command = commands.get(0);
    String configured =
        readDocuments(single("configmap.yaml").path("data").path("config.yaml").asText())
            .get(0)
            .path("slack")
            .path("slashCommand")
            .asText();
    assertThat(command.path("command").asText()).isEqualTo("/gitlab").isEqualTo(configured);
    assertThat(command.path("url").asText()).isEqualTo(REQUEST_URL);
    assertThat(command.path("usage_hint").asText()).isNotBlank();
    assertThat(command.path("description").asText()).isNotBlank();
    assertThat(command.path("should_escape").isBoolean()).isTrue();
    assertThat(command.path("should_escape").asBoolean()).isFalse();
    assertThat(manifest.path("features").path("bot_user").path("display_name").asText())
        .isNotBlank();
    assertThat(manifest.path("display_information").path("name").asText()).isNotBlank();
  }

  @Test
  void manifest_asksOnlyForTheScopesTheBotUses() {
    List<String> scopes = new ArrayList<>();
    manifest.path("oauth_config").path("scopes").path("bot").forEach(s -> scopes.add(s.asText()));
    assertThat(scopes).containsExactlyInAnyOrder("commands", "chat:write", "usergroups:read");
    assertThat(manifest.path("oauth_config").path("scopes").has("user")).isFalse();
  }

  @Test
  void manifest_enablesInteractivityAndSocketMode() {
    JsonNode settings = manifest.path("settings");
    assertThat(settings.path("interactivity").path("is_enabled").asBoolean()).isTrue();
    assertThat(settings.path("interactivity").path("request_url").asText()).isEqualTo(REQUEST_URL);
    assertThat(settings.path("socket_mode_enabled").isBoolean()).isTrue();
    assertThat(settings.path("socket_mode_enabled").asBoolean()).isTrue();
    assertThat(settings.path("org_deploy_enabled").asBoolean(true)).isFalse();
    assertThat(settings.path("token_rotation_enabled").asBoolean(true)).isFalse();
  }
}
