package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole bot in HTTP mode: signed slash commands over real HTTP, Slack's Web API on WireMock.
 */
class BotHttpModeTest {

  private static final String BOT_TOKEN = RunningBot.BOT_TOKEN;
  private static final String TEAM = RunningBot.TEAM;
  private static final String CHANNEL = RunningBot.CHANNEL;
  private static final String VIEWER = "U0000VIEW";
  private static final String STRANGER = "U0000NONE";

  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private RunningBot running;
  private WireMockServer slackApi;
  private Core core;
  private SignedSlackRequests slack;

  @BeforeEach
  void start() throws Exception {
    running =
        RunningBot.start(
            dir,
            """
            access:
              teamId: %s
              allowedChannels: [%s]
              roles:
                viewer: {users: [%s]}
            targets:
              list:
                - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
            """
                .formatted(TEAM, CHANNEL, VIEWER),
            Map.of());
    slackApi = running.slackApi;
    core = running.core;
    slack = running.slack;
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void signedHelp_isAckedWithTheHelpTextAndAudited() throws IOException {
    HttpResponse<String> response = slack.post(command(VIEWER, "help"), Instant.now());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.path("response_type").asText()).isEqualTo("ephemeral");
    assertThat(body.toString()).contains("/gitlab audit [n]").contains("/gitlab whoami");
    AuditEntry entry = core.audit.recent(1).get(0);
    assertThat(entry.command()).isEqualTo("help");
    assertThat(entry.decision()).isEqualTo("allowed");
    assertThat(entry.source()).isEqualTo("slack");
    assertThat(entry.userId()).isEqualTo(VIEWER);
  }

  @Test
  void unauthorizedUser_getsADenialAndAnAuditRow() {
    HttpResponse<String> response = slack.post(command(STRANGER, "help"), Instant.now());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("You need the *viewer* role").contains(STRANGER);
    AuditEntry entry = core.audit.recent(1).get(0);
    assertThat(entry.decision()).isEqualTo("denied");
    assertThat(entry.userId()).isEqualTo(STRANGER);
  }

  @Test
  void unsignedStaleFutureOrTamperedRequests_get401AndRunNothing() {
    String body = command(VIEWER, "help");
    Instant now = Instant.now();
    Map<String, String> good = slack.signatureHeaders(body, now);

    List<HttpResponse<String>> responses =
        List.of(
            slack.post(body, Map.of()),
            slack.post(body, now.minus(Duration.ofMinutes(6))),
            slack.post(body, now.plus(Duration.ofMinutes(10))),
            slack.post(body.replace("help", "audit"), good),
            slack.post(
                body,
                Map.of("X-Slack-Request-Timestamp", "yesterday", "X-Slack-Signature", "v0=zz")));

    assertThat(responses)
        .allSatisfy(
            r -> {
              assertThat(r.statusCode()).isEqualTo(401);
              assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
            });
    assertThat(core.audit.recent(10)).isEmpty();
  }

  @Test
  void replayedRequest_isNotRunTwice() {
    String body = command(VIEWER, "whoami");
    Map<String, String> headers = slack.signatureHeaders(body, Instant.now());

    HttpResponse<String> first = slack.post(body, headers);
    HttpResponse<String> replay = slack.post(body, headers);

    assertThat(first.body()).contains(VIEWER);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).isEmpty();
    assertThat(core.audit.recent(10)).hasSize(1);
  }

  @Test
  void healthReadinessAndMetrics_areServed() throws Exception {
    slack.post(command(VIEWER, "help"), Instant.now());

    assertThat(get(running.managementUri("/healthz")).statusCode()).isEqualTo(200);
    // No alert channel configured: the webhook stays closed rather than accept alerts nobody sees.
    assertThat(get(running.uri("/alerts/alertmanager")).statusCode()).isEqualTo(404);
    HttpResponse<String> ready = get(running.managementUri("/readyz"));
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"store\":\"ok\"").contains("\"slack\":\"ok\"");
    String metrics = get(running.managementUri("/metrics")).body();
    assertThat(metrics)
        .contains("gitlabopsbot_commands_total{command=\"help\",result=\"ok\"} 1.0")
        .contains("gitlabopsbot_command_duration_seconds_bucket")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void readiness_failsWhenSlackRejectsTheToken() throws Exception {
    slackApi.resetAll();
    slackApi.stubFor(
        post(urlPathEqualTo("/api/auth.test"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"invalid_auth\"}")));

    HttpResponse<String> ready = get(running.managementUri("/readyz"));

    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"slack\":\"failing\"").doesNotContain(BOT_TOKEN);
  }

  @Test
  void eachRoute_isServedOnItsOwnListenerOnly() throws Exception {
    for (String path : List.of("/healthz", "/readyz", "/metrics")) {
      assertThat(get(running.uri(path)).statusCode()).as("public " + path).isEqualTo(404);
    }
    HttpResponse<String> slackOnManagement =
        http.send(
            HttpRequest.newBuilder(running.managementUri("/slack/events"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(command(VIEWER, "help")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(slackOnManagement.statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(java.net.URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String command(String user, String text) {
    return SignedSlackRequests.slashCommand(TEAM, CHANNEL, user, "/gitlab", text);
  }
}
