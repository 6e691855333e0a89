package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlabopsbot.alerts.AlertmanagerSilences;
import io.gitlabopsbot.alerts.RealAlertmanager;
import io.gitlabopsbot.alerts.Silences.NewSilence;
import io.gitlabopsbot.config.AlertsConfig.AlertmanagerApi;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /gitlab alerts} and {@code /gitlab alerts test} through the whole bot. */
class BotAlertsCommandsTest {

  private static final String TOKEN = "CANARY-am-webhook-token-77-0123456789abcdef";
  private static final String OPERATOR = "U0000OPER";
  private static final String VIEWER = "U0000VIEW";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  private RunningBot running;
  private RealAlertmanager alertmanager;

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @Test
  void alerts_listsTheFiringGroupAndTheActiveSilence() throws Exception {
    alertmanager = RealAlertmanager.start(Files.createDirectories(dir.resolve("am")));
    start(alertmanager.baseUrl().toString());
    AlertButtonClicks clicks = new AlertButtonClicks(running, TOKEN);
    clicks.notify("firing-v4.json", "ListedAlert");
    await().atMost(WAIT).until(() -> !clicks.calls("chat.postMessage").isEmpty());
    Instant now = Instant.now();
    String id =
        new AlertmanagerSilences(
                HttpClient.newHttpClient(),
                new AlertmanagerApi(alertmanager.baseUrl(), null, null, null),
                Duration.ofSeconds(5))
            .create(
                new NewSilence(
                    Map.of("alertname", "Maintenance"),
                    now,
                    now.plusSeconds(3600),
                    "jane (U0000OPER) via Slack",
                    "planned work"));

    // The thread is recorded just after its parent is posted.
    String answer =
        await().atMost(WAIT).until(() -> command(VIEWER, "alerts"), a -> a.contains("ListedAlert"));

    assertThat(answer)
        .contains("1 alert group firing")
        .contains("ListedAlert")
        .contains("C0000ALRT")
        .contains("Active silences (1)")
        .contains(id)
        .contains("alertname=\"Maintenance\"")
        .contains("planned work");
  }

  @Test
  void alerts_whenAlertmanagerIsDown_saysSoAndStillListsTheGroups() throws Exception {
    start("http://127.0.0.1:" + RealAlertmanager.freePort());

    String answer = command(VIEWER, "alerts");

    assertThat(answer)
        .contains("No alert group is firing")
        .contains("Silences could not be read")
        .contains("cannot be reached");
  }

  @Test
  void alertsTest_byOperator_isPostedThroughDelivery_toTheNamedChannel() throws Exception {
    start(null);

    String answer = command(OPERATOR, "alerts test C0000TEST");

    assertThat(answer).contains("Sample alert queued for <#C0000TEST>");
    AlertButtonClicks clicks = new AlertButtonClicks(running, TOKEN);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.calls("chat.postMessage"))
                    .anyMatch(p -> p.contains("channel=C0000TEST") && p.contains("TEST ALERT")));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.calls("chat.update"))
                    .anyMatch(p -> p.contains("TEST ALERT") && p.contains("resolved")));
  }

  @Test
  void alertsTest_byViewer_isDenied() throws Exception {
    start(null);

    assertThat(command(VIEWER, "alerts test")).contains("You need the *operator* role");
    assertThat(new AlertButtonClicks(running, TOKEN).calls("chat.postMessage")).isEmpty();
  }

  private void start(String alertmanagerUrl) throws Exception {
    running =
        RunningBot.start(
            dir,
            """
            access:
              teamId: T0000TEAM
              roles:
                operator: {users: [%s]}
                viewer: {users: [%s]}
            targets:
              list:
                - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
            alerts:
              defaultChannel: C0000ALRT
            """
                    .formatted(OPERATOR, VIEWER)
                + (alertmanagerUrl == null
                    ? ""
                    : "  alertmanager: {url: \"" + alertmanagerUrl + "\"}\n"),
            Map.of("ALERTMANAGER_WEBHOOK_TOKEN", TOKEN));
  }

  private String command(String user, String text) {
    var response =
        running.slack.post(
            SignedSlackRequests.slashCommand(
                RunningBot.TEAM, RunningBot.CHANNEL, user, "/gitlab", text),
            Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      // Every text of the answer, unescaped, so assertions read like the message.
      StringBuilder texts = new StringBuilder();
      collect(new ObjectMapper().readTree(response.body()), texts);
      return texts.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, StringBuilder texts) {
    if (node.isTextual()) {
      texts.append(node.asText()).append('\n');
    }
    node.forEach(child -> collect(child, texts));
  }
}
