package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.SettingsLoader;
import io.gitlabopsbot.net.EnvironmentProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole bot: an Alertmanager webhook in, a Slack message out (Slack's API on WireMock). */
class BotAlertsTest {

  private static final String TOKEN = "CANARY-am-webhook-token-31";

  @TempDir Path dir;

  private final WireMockServer slackApi = new WireMockServer(options().dynamicPort());
  private final HttpClient http = HttpClient.newHttpClient();
  private Bot bot;

  @BeforeEach
  void start() throws Exception {
    slackApi.start();
    slackApi.stubFor(
        post(urlPathEqualTo("/api/auth.test"))
            .willReturn(
                okJson("{\"ok\":true,\"team_id\":\"T0000TEAM\",\"user_id\":\"U0000BOT\"}")));
    slackApi.stubFor(
        post(urlPathEqualTo("/api/chat.postMessage"))
            .willReturn(
                okJson("{\"ok\":true,\"channel\":\"C0000ALRT\",\"ts\":\"1700000000.000100\"}")));
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        slack: {mode: http, apiBaseUrl: "%s/api/"}
        http: {bindAddress: 127.0.0.1, port: 0}
        store: {jdbcUrl: "jdbc:h2:mem:alerts-%s"}
        access: {teamId: T0000TEAM}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        alerts:
          defaultChannel: C0000ALRT
        """
            .formatted(slackApi.baseUrl(), UUID.randomUUID()));
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", "xoxb-CANARY-1",
            "SLACK_SIGNING_SECRET", "CANARY-signing",
            "ALERTMANAGER_WEBHOOK_TOKEN", TOKEN);
    Settings settings =
        new SettingsLoader(env, EnvironmentProxy::fromEnvironment).load(config, false);
    bot =
        Bot.start(
            new Core(settings, Clock.systemUTC()), new PrintStream(new ByteArrayOutputStream()));
  }

  @AfterEach
  void stop() {
    bot.close();
    slackApi.stop();
  }

  @Test
  void firingAlert_isAcceptedThenPostedToTheDefaultChannel() throws Exception {
    HttpResponse<String> response = postAlert("Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                slackApi.verify(
                    postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                        .withRequestBody(containing("C0000ALRT"))
                        .withRequestBody(containing("GitlabDown"))));
  }

  @Test
  void webhookWithoutTheToken_isRefused() throws Exception {
    assertThat(postAlert(null).statusCode()).isEqualTo(401);
    assertThat(postAlert("Bearer wrong").statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> postAlert(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + bot.httpPort() + "/alerts/alertmanager"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Files.readString(
                        Path.of("src/test/resources/fixtures/alertmanager/firing-v4.json")),
                    StandardCharsets.UTF_8));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(
      String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }
}
