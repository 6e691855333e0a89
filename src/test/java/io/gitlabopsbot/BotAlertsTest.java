package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole bot: an Alertmanager webhook in, a Slack message out (Slack's API on WireMock). */
class BotAlertsTest {

  private static final String TOKEN = "CANARY-am-webhook-token-31-0123456789abcdef";

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningBot running;
  private WireMockServer slackApi;

  @BeforeEach
  void start() throws Exception {
    running =
        RunningBot.start(
            dir,
            """
            access: {teamId: T0000TEAM}
            targets:
              list:
                - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
            alerts:
              defaultChannel: C0000ALRT
            """,
            Map.of("ALERTMANAGER_WEBHOOK_TOKEN", TOKEN));
    slackApi = running.slackApi;
  }

  @AfterEach
  void stop() {
    running.close();
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
        HttpRequest.newBuilder(running.uri("/alerts/alertmanager"))
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
}
