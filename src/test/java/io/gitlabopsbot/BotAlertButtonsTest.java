package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.alerts.AlertButtons;
import io.gitlabopsbot.alerts.RealAlertmanager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledge and Silence through the whole bot: an Alertmanager notification in, the parent with
 * its buttons out to WireMock-as-Slack, signed clicks into the real Bolt app, silences in the real
 * Alertmanager binary.
 */
class BotAlertButtonsTest {

  private static final String TOKEN = "CANARY-am-webhook-token-52-0123456789abcdef";
  private static final String OPERATOR = "U0000OPER";
  private static final String VIEWER = "U0000VIEW";
  private static final String ALERTS = "C0000ALRT";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir static Path amDir;
  private static RealAlertmanager alertmanager;

  @TempDir Path dir;
  private final List<RunningBot> bots = new ArrayList<>();

  @BeforeAll
  static void startAlertmanager() throws Exception {
    alertmanager = RealAlertmanager.start(amDir);
  }

  @AfterAll
  static void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @AfterEach
  void stopBots() {
    bots.forEach(RunningBot::close);
  }

  @Test
  void silenceClick_byOperator_createsARealSilence_andSaysSoInTheThread() throws Exception {
    AlertButtonClicks clicks = bot(alertmanager.baseUrl().toString());
    String value = parentButton(clicks, "SilenceMe", AlertButtons.SILENCE_PREFIX + "4h");
    Instant clicked = Instant.now();

    assertThat(clicks.click(OPERATOR, ALERTS, AlertButtons.SILENCE_PREFIX + "4h", value))
        .isEqualTo(200);

    JsonNode silence = await().atMost(WAIT).until(() -> silenceOf("SilenceMe"), s -> s != null);
    assertThat(silence.path("createdBy").asText()).contains(OPERATOR).contains("user-" + OPERATOR);
    assertThat(silence.path("comment").asText()).contains("SilenceMe").contains(OPERATOR);
    assertThat(silence.path("matchers").toString())
        .isEqualTo(
            "[{\"isEqual\":true,\"isRegex\":false,\"name\":\"alertname\",\"value\":\"SilenceMe\"}]");
    Instant endsAt = Instant.parse(silence.path("endsAt").asText());
    assertThat(endsAt)
        .isBetween(
            clicked.plus(Duration.ofHours(4)).minusSeconds(5),
            clicked.plus(Duration.ofHours(4)).plusSeconds(30));
    String id = silence.path("id").asText();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.calls("chat.postMessage"))
                    .anyMatch(
                        c ->
                            c.contains("thread_ts=")
                                && c.contains("Silenced for 4h")
                                && c.contains(id)));
    assertThat(audit(clicks))
        .anyMatch(
            e ->
                e.command().equals("alert silence")
                    && e.outcome().equals("succeeded")
                    && e.detail().contains(id));
  }

  @Test
  void silenceClick_twice_makesOneSilence_andTellsTheSecondClickerWhoSilencedIt() throws Exception {
    AlertButtonClicks clicks = bot(alertmanager.baseUrl().toString());
    String value = parentButton(clicks, "DoubleClick", AlertButtons.SILENCE_PREFIX + "1h");
    clicks.click(OPERATOR, ALERTS, AlertButtons.SILENCE_PREFIX + "1h", value);
    JsonNode first = await().atMost(WAIT).until(() -> silenceOf("DoubleClick"), s -> s != null);

    clicks.click(OPERATOR, ALERTS, AlertButtons.SILENCE_PREFIX + "1h", value);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.privateAnswers())
                    .anyMatch(
                        a ->
                            a.contains("Already silenced")
                                && a.contains(first.path("id").asText())));
    assertThat(
            StreamSupport.stream(alertmanager.silences().spliterator(), false)
                .filter(x -> x.path("matchers").toString().contains("\"DoubleClick\""))
                .count())
        .isEqualTo(1);
  }

  @Test
  void silenceClick_byViewer_isDeniedPrivately_andNothingIsSilenced() throws Exception {
    AlertButtonClicks clicks = bot(alertmanager.baseUrl().toString());
    String value = parentButton(clicks, "NotYours", AlertButtons.SILENCE_PREFIX + "1h");

    clicks.click(VIEWER, ALERTS, AlertButtons.SILENCE_PREFIX + "1h", value);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.privateAnswers())
                    .anyMatch(a -> a.contains("operator") && a.contains("Nothing was done")));
    assertThat(silenceOf("NotYours")).isNull();
    assertThat(audit(clicks))
        .anyMatch(
            e ->
                e.command().equals("alert silence")
                    && e.userId().equals(VIEWER)
                    && e.decision().equals("denied"));
  }

  @Test
  void silenceClick_whenAlertmanagerIsDown_tellsTheClicker_andPostsNothing() throws Exception {
    AlertButtonClicks clicks = bot("http://127.0.0.1:" + RealAlertmanager.freePort());
    String value = parentButton(clicks, "AmDown", AlertButtons.SILENCE_PREFIX + "24h");
    int posts = clicks.calls("chat.postMessage").size();

    clicks.click(OPERATOR, ALERTS, AlertButtons.SILENCE_PREFIX + "24h", value);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.privateAnswers())
                    .anyMatch(
                        a ->
                            a.contains("Nothing was silenced") && a.contains("cannot be reached")));
    assertThat(clicks.calls("chat.postMessage")).hasSize(posts);
    assertThat(audit(clicks))
        .anyMatch(e -> e.command().equals("alert silence") && e.outcome().equals("failed"));
  }

  @Test
  void ackClick_marksTheParent_andTheResolvedParentKeepsIt() throws Exception {
    AlertButtonClicks clicks = bot(alertmanager.baseUrl().toString());
    String value = parentButton(clicks, "TakeMe", AlertButtons.ACK);

    clicks.click(VIEWER, ALERTS, AlertButtons.ACK, value);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.calls("chat.update"))
                    .anyMatch(u -> u.contains("Acknowledged") && u.contains(VIEWER)));
    assertThat(clicks.calls("chat.update").get(0))
        .as("acknowledged once, so its button is gone")
        .doesNotContain(AlertButtons.ACK)
        .contains(AlertButtons.SILENCE_PREFIX + "1h");

    clicks.click(OPERATOR, ALERTS, AlertButtons.ACK, value);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.privateAnswers())
                    .anyMatch(a -> a.contains("Already") && a.contains(VIEWER)));

    assertThat(clicks.notify("resolved-v4.json", "TakeMe")).isEqualTo(200);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.calls("chat.update"))
                    .anyMatch(
                        u ->
                            u.contains("resolved")
                                && u.contains("Acknowledged")
                                && u.contains(VIEWER)));
  }

  @Test
  void forgedButtonValue_isRefused_andChangesNothing() throws Exception {
    AlertButtonClicks clicks = bot(alertmanager.baseUrl().toString());
    parentButton(clicks, "Forged", AlertButtons.ACK);

    clicks.click(OPERATOR, ALERTS, AlertButtons.ACK, "alertname=\"Forged\"");
    clicks.click(OPERATOR, ALERTS, AlertButtons.SILENCE_PREFIX + "1h", "A".repeat(32));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(clicks.privateAnswers())
                    .filteredOn(a -> a.contains("does not know the alert"))
                    .hasSize(2));
    assertThat(clicks.calls("chat.update")).isEmpty();
    assertThat(silenceOf("Forged")).isNull();
  }

  private AlertButtonClicks bot(String alertmanagerUrl) throws Exception {
    Path botDir = Files.createDirectories(dir.resolve("bot" + bots.size()));
    RunningBot running =
        RunningBot.start(
            botDir,
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
              defaultChannel: %s
              alertmanager: {url: "%s"}
            """
                .formatted(OPERATOR, VIEWER, ALERTS, alertmanagerUrl),
            Map.of("ALERTMANAGER_WEBHOOK_TOKEN", TOKEN));
    bots.add(running);
    return new AlertButtonClicks(running, TOKEN);
  }

  /** Sends a firing notification for {@code alertname} and returns the parent's button value. */
  private static String parentButton(AlertButtonClicks clicks, String alertname, String button)
      throws Exception {
    assertThat(clicks.notify("firing-v4.json", alertname)).isEqualTo(200);
    String value =
        await()
            .atMost(WAIT)
            .until(() -> clicks.buttonValue(button), java.util.Optional::isPresent)
            .orElseThrow();
    // The parent is recorded just after Slack accepted it; a click within those milliseconds
    // would find nothing, which no person can do but a test on a busy machine can.
    var groups =
        new io.gitlabopsbot.alerts.JdbcAlertGroups(clicks.running().core.database.dataSource());
    await().atMost(WAIT).until(() -> groups.find(value).isPresent());
    return value;
  }

  private static JsonNode silenceOf(String alertname) {
    return StreamSupport.stream(alertmanager.silences().spliterator(), false)
        .filter(s -> s.path("matchers").toString().contains("\"" + alertname + "\""))
        .findFirst()
        .orElse(null);
  }

  private static List<AuditEntry> audit(AlertButtonClicks clicks) {
    return clicks.running().core.audit.recent(50);
  }
}
