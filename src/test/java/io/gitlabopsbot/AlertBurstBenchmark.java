package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (surefire's default patterns skip it): an alert storm against the whole bot. 1,000
 * alerts in 10 groups for one channel are posted to the real webhook endpoint, Slack is WireMock,
 * and the bot paces itself as in production. Prints the ingest rate, the Slack calls made, the time
 * until every alert is delivered, and checks that every alert is accounted for. Run with {@code
 * ./mvnw -B -q test -Dtest=AlertBurstBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class AlertBurstBenchmark {

  private static final int ALERTS = 1000;
  private static final int GROUPS = 10;
  private static final int SENDERS = 8;
  private static final String TOKEN = "bench-webhook-token-0123456789abcdef";
  private static final String CHANNEL = "C0000BRST";
  private static final Pattern BATCH = Pattern.compile("^(\\d+) alerts?: ");
  private static final Pattern DIGEST = Pattern.compile("^(\\d+) updates$");

  @TempDir Path dir;

  @Test
  void burstOf1000AlertsIn10Groups() throws Exception {
    try (RunningBot running =
        RunningBot.start(
            dir,
            """
            access: {teamId: T0000TEAM}
            targets:
              list:
                - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
            alerts:
              defaultChannel: %s
            """
                .formatted(CHANNEL),
            Map.of("ALERTMANAGER_WEBHOOK_TOKEN", TOKEN))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      long start = System.nanoTime();
      ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < ALERTS; i++) {
        HttpRequest request = notification(running, i);
        answers.add(
            senders.submit(
                () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
      long ingested = System.nanoTime();
      senders.shutdown();

      await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> count(running, "delivered_at IS NULL") == 0);
      long visible = System.nanoTime();

      List<ServeEvent> calls = slackCalls(running);
      int posts = 0;
      int updates = 0;
      int accounted = 0;
      for (ServeEvent call : calls) {
        String method = call.getRequest().getUrl().substring("/api/".length());
        if (method.equals("chat.update")) {
          updates++;
        } else if (method.equals("chat.postMessage")) {
          posts++;
          accounted += alertsIn(text(call));
        }
      }
      String all =
          String.join("\n", calls.stream().map(c -> c.getRequest().getBodyAsString()).toList());
      double ingestSeconds = (ingested - start) / 1e9;
      Duration minGap = minGap(calls);
      System.out.printf(
          "%nAlertBurstBenchmark: %d alerts, %d groups, 1 channel%n"
              + "  ingest: %.2f s, %.0f alerts/s accepted (HTTP 200)%n"
              + "  all visible in Slack after %.1f s from the first webhook%n"
              + "  Slack calls: %d (%d chat.postMessage, %d chat.update); smallest gap between"
              + " calls: %d ms%n"
              + "  accounted for in Slack messages: %d of %d; delivered in the inbox: %d%n%n",
          ALERTS,
          GROUPS,
          ingestSeconds,
          ALERTS / ingestSeconds,
          (visible - start) / 1e9,
          calls.size(),
          posts,
          updates,
          minGap.toMillis(),
          accounted,
          ALERTS,
          count(running, "delivered_at IS NOT NULL"));
      assertThat(count(running, "delivered_at IS NOT NULL")).isEqualTo(ALERTS);
      assertThat(accounted).as("alerts covered by Slack messages").isEqualTo(ALERTS);
      for (int g = 0; g < GROUPS; g++) {
        assertThat(URLDecoder.decode(all, StandardCharsets.UTF_8)).contains("Burst" + g);
      }
      assertThat(minGap)
          .as("pacing: about one call per second per channel")
          .isGreaterThan(Duration.ofMillis(900));
    }
  }

  private static HttpRequest notification(RunningBot running, int i) {
    String group = "Burst" + (i % GROUPS);
    String body =
        """
        {"version":"4","receiver":"bot","status":"firing","groupKey":"{}:{alertname=\\"%s\\"}",
         "groupLabels":{"alertname":"%s"},"commonLabels":{"alertname":"%s"},
         "externalURL":"http://am:9093","alerts":[{"status":"firing",
         "labels":{"alertname":"%s","severity":"warning","instance":"host-%d"},
         "annotations":{"summary":"burst alert %d"},"startsAt":"2026-11-25T16:00:00Z",
         "fingerprint":"fp-%d"}]}
        """
            .formatted(group, group, group, group, i, i, i);
    return HttpRequest.newBuilder(running.uri("/alerts/alertmanager"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  /** How many alerts one posted message stands for: a summary, a digest, or one alert. */
  private static int alertsIn(String text) {
    Matcher batch = BATCH.matcher(text);
    if (batch.find()) {
      return Integer.parseInt(batch.group(1));
    }
    Matcher digest = DIGEST.matcher(text);
    return digest.find() ? Integer.parseInt(digest.group(1)) : 1;
  }

  private static List<ServeEvent> slackCalls(RunningBot running) {
    return running.slackApi.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith("/api/chat."))
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .toList();
  }

  private static Duration minGap(List<ServeEvent> calls) {
    long min = Long.MAX_VALUE;
    for (int i = 1; i < calls.size(); i++) {
      long gap =
          calls.get(i).getRequest().getLoggedDate().getTime()
              - calls.get(i - 1).getRequest().getLoggedDate().getTime();
      min = Math.min(min, gap);
    }
    return Duration.ofMillis(min == Long.MAX_VALUE ? 0 : min);
  }

  private static String text(ServeEvent call) {
    for (String pair : call.getRequest().getBodyAsString().split("&")) {
      if (pair.startsWith("text=")) {
        return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static int count(RunningBot running, String where) throws Exception {
    try (Connection connection = running.core.database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM alert_inbox WHERE " + where)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
