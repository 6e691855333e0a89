package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.SettingsLoader;
import io.gitlabopsbot.net.EnvironmentProxy;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The whole bot in HTTP mode for end-to-end tests: Slack's Web API on WireMock ({@code auth.test},
 * {@code chat.postMessage} and {@code chat.update} answer ok), an in-memory store, port 0, and a
 * signer for inbound Slack requests. The caller gives the config sections that matter to it.
 */
final class RunningBot implements AutoCloseable {

  static final String TEAM = "T0000TEAM";
  static final String CHANNEL = "C0000OPS1";
  static final String MESSAGE_TS = "1700000000.000100";
  static final String SIGNING_SECRET = "CANARY-signing-secret-5f1e";
  static final String BOT_TOKEN = "xoxb-CANARY-bot-token-77aa";

  final WireMockServer slackApi;
  final Core core;
  final Bot bot;
  final SignedSlackRequests slack;
  final ByteArrayOutputStream console = new ByteArrayOutputStream();

  /**
   * @param sections YAML for {@code access}, {@code targets} and anything else the test needs
   * @param extraEnv environment besides the Slack token and signing secret
   */
  static RunningBot start(Path dir, String sections, Map<String, String> extraEnv)
      throws Exception {
    return start(dir, sections, extraEnv, null);
  }

  /**
   * As {@link #start(Path, String, Map)} on the store given as a YAML flow mapping (e.g. {@code
   * {jdbcUrl: "jdbc:postgresql://…", username: postgres}}); null for a fresh in-memory H2.
   */
  static RunningBot start(Path dir, String sections, Map<String, String> extraEnv, String store)
      throws Exception {
    WireMockServer slackApi = new WireMockServer(options().dynamicPort());
    slackApi.start();
    for (String method : new String[] {"auth.test", "chat.postMessage", "chat.update"}) {
      slackApi.stubFor(post(urlPathEqualTo("/api/" + method)).willReturn(ok()));
    }
    return new RunningBot(slackApi, writeConfig(dir, slackApi, sections, store), extraEnv);
  }

  private RunningBot(WireMockServer slackApi, Path config, Map<String, String> extraEnv)
      throws Exception {
    this.slackApi = slackApi;
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
    env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
    Settings settings =
        new SettingsLoader(env, EnvironmentProxy::fromEnvironment).load(config, false);
    this.core = new Core(settings, Clock.systemUTC());
    this.bot = Bot.start(core, new PrintStream(console, true));
    this.slack = new SignedSlackRequests(SIGNING_SECRET, uri("/slack/events"));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + bot.httpPort() + path);
  }

  /** A path on the management listener (health probes, metrics). */
  URI managementUri(String path) {
    return URI.create("http://127.0.0.1:" + bot.managementPort() + path);
  }

  /** The Web API's ok answer, with the fields the bot reads back. */
  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok() {
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"ok\":true,\"team_id\":\""
                + TEAM
                + "\",\"user_id\":\"U0000BOT\",\"bot_id\":\"B0000BOT\",\"channel\":\""
                + CHANNEL
                + "\",\"ts\":\""
                + MESSAGE_TS
                + "\"}");
  }

  private static Path writeConfig(Path dir, WireMockServer slackApi, String sections, String store)
      throws IOException {
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        slack: {mode: http, apiBaseUrl: "%s/api/"}
        http: {bindAddress: 127.0.0.1, port: 0, managementPort: 0}
        store: %s
        """
                .formatted(
                    slackApi.baseUrl(),
                    store != null
                        ? store
                        : "{jdbcUrl: \"jdbc:h2:mem:bot-" + UUID.randomUUID() + "\"}")
            + sections);
    return config;
  }

  @Override
  public void close() {
    bot.close();
    slackApi.stop();
  }
}
