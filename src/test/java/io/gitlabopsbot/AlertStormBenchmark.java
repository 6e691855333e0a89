package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.gitlabopsbot.alerts.RealAlertmanager;
import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.TestDatabases;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (surefire's default patterns skip it): the alert storm of issue 14 against the whole
 * bot, with the real Alertmanager binary in front (group_by alertname) and WireMock as Slack,
 * recording every call. Per run: webhook ingest of 100-alert notifications, then 1,000 alerts in 10
 * groups fired at once into one channel and resolved again. Prints one row per run and the medians.
 * Run through {@code scripts/alert-storm-benchmark.sh}; system properties: {@code bench.store}
 * ({@code h2} or {@code postgresql}), {@code bench.runs}, {@code bench.retryAfter} (seconds of a
 * 429 answered to the second message of the storm; 0 = none).
 */
class AlertStormBenchmark {

  private static final int GROUPS = 10;
  private static final int PER_GROUP = 100;
  private static final int INGEST_ROUNDS = 5;
  private static final String TOKEN = "bench-webhook-token-0123456789abcdef";
  private static final String CHANNEL = "C0000STRM";
  private static final Duration NAMED_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration QUIET = Duration.ofSeconds(4);

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  record Run(
      double ingestPerSecond,
      int ingestDuplicates,
      double namedSeconds,
      int named,
      int callsUntilNamed,
      int firingCalls,
      int firingTopLevel,
      int resolutionUpdates,
      int resolutionParentsUpdated,
      int resolutionReplies,
      int resolutionTopLevel,
      int ratelimited,
      double settledSeconds,
      int lost) {}

  @Test
  void stormOf1000AlertsIn10Groups() throws Exception {
    String store = System.getProperty("bench.store", "h2");
    int runs = Integer.getInteger("bench.runs", 3);
    int retryAfter = Integer.getInteger("bench.retryAfter", 0);
    List<Run> results = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      Path runDir = Files.createDirectories(dir.resolve("run-" + i));
      double ingest = ingest(runDir.resolve("ingest"), store, i);
      results.add(storm(runDir.resolve("storm"), store, retryAfter, ingest));
      System.out.println("AlertStormBenchmark run " + (i + 1) + ": " + results.get(i));
    }
    print(store, retryAfter, results);
  }

  /** Alerts per second the webhook accepted, 10 notifications of 100 alerts per round. */
  private double ingest(Path runDir, String store, int run) throws Exception {
    Files.createDirectories(runDir);
    try (RunningBot bot =
        RunningBot.start(
            runDir, sections(), Map.of("ALERTMANAGER_WEBHOOK_TOKEN", TOKEN), store(store))) {
      stubSlack(bot, 0);
      List<Double> rates = new ArrayList<>();
      ExecutorService senders = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < INGEST_ROUNDS + 1; round++) {
          List<HttpRequest> requests = new ArrayList<>();
          for (int g = 0; g < GROUPS; g++) {
            requests.add(webhook(bot, "Ingest" + run + "r" + round + "g" + g));
          }
          long start = System.nanoTime();
          List<Future<Integer>> answers = new ArrayList<>();
          for (HttpRequest request : requests) {
            answers.add(
                senders.submit(
                    () -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()));
          }
          for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(200);
          }
          // Round 0 warms the JIT and the connection pool up; it is not counted.
          if (round > 0) {
            rates.add(GROUPS * PER_GROUP / ((System.nanoTime() - start) / 1e9));
          }
        }
        // Sent again: every alert is a duplicate, nothing new is stored.
        int before = count(bot, "1=1");
        for (int g = 0; g < GROUPS; g++) {
          assertThat(
                  http.send(
                          webhook(bot, "Ingest" + run + "r1g" + g),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode())
              .isEqualTo(200);
        }
        assertThat(count(bot, "1=1")).as("duplicates stored").isEqualTo(before);
      } finally {
        senders.shutdownNow();
      }
      return median(rates, d -> d);
    }
  }

  private Run storm(Path runDir, String store, int retryAfter, double ingest) throws Exception {
    Files.createDirectories(runDir);
    try (RunningBot bot =
            RunningBot.start(
                runDir, sections(), Map.of("ALERTMANAGER_WEBHOOK_TOKEN", TOKEN), store(store));
        RealAlertmanager alertmanager =
            RealAlertmanager.start(runDir, alertmanagerConfig(bot.uri("/alerts/alertmanager")))) {
      stubSlack(bot, retryAfter);
      Instant startsAt = Instant.now().minusSeconds(60);
      long start = System.nanoTime();
      fire(alertmanager, startsAt, null);

      long namedAt = -1;
      int callsUntilNamed = 0;
      int named = 0;
      long deadline = System.nanoTime() + NAMED_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        List<ServeEvent> calls = slackCalls(bot);
        named = named(calls);
        if (named == GROUPS) {
          namedAt = System.nanoTime();
          callsUntilNamed = calls.size();
          break;
        }
        Thread.sleep(50);
      }
      settle(bot, GROUPS * PER_GROUP);
      List<ServeEvent> firing = slackCalls(bot);
      Set<String> parents = new HashSet<>();
      // The group parents: top-level posts other than a storm digest.
      for (ServeEvent call : firing) {
        if (isTopLevelPost(call) && !form(call, "text").startsWith("🚨")) {
          parents.add(answeredTs(call));
        }
      }

      fire(alertmanager, startsAt, Instant.now().minusSeconds(1));
      settle(bot, 2 * GROUPS * PER_GROUP);
      long settled = System.nanoTime();
      List<ServeEvent> all = slackCalls(bot);
      List<ServeEvent> resolution = all.subList(firing.size(), all.size());
      Set<String> updatedParents = new HashSet<>();
      int updates = 0;
      int replies = 0;
      int topLevel = 0;
      for (ServeEvent call : resolution) {
        if (call.getResponse().getStatus() != 200) {
          continue;
        }
        String method = method(call);
        if (method.equals("chat.update")) {
          updates++;
          String ts = form(call, "ts");
          if (parents.contains(ts)) {
            updatedParents.add(ts);
          }
        } else if (form(call, "thread_ts") != null) {
          replies++;
        } else {
          topLevel++;
        }
      }
      int ratelimited = (int) all.stream().filter(c -> c.getResponse().getStatus() == 429).count();
      int lost = 2 * GROUPS * PER_GROUP - count(bot, "delivered_at IS NOT NULL");
      return new Run(
          ingest,
          0,
          namedAt < 0 ? Double.NaN : (namedAt - start) / 1e9,
          named,
          namedAt < 0 ? firing.size() : callsUntilNamed,
          firing.size(),
          (int) firing.stream().filter(AlertStormBenchmark::isTopLevelPost).count(),
          updates,
          updatedParents.size(),
          replies,
          topLevel,
          ratelimited,
          (settled - start) / 1e9,
          lost);
    }
  }

  /**
   * Waits until {@code rows} inbox rows exist, all delivered, and Slack saw no call for a while.
   */
  private static void settle(RunningBot bot, int rows) throws Exception {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    int lastCalls = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int calls = slackCalls(bot).size();
      if (calls != lastCalls) {
        lastCalls = calls;
        quietSince = System.nanoTime();
      }
      boolean delivered = count(bot, "1=1") >= rows && count(bot, "delivered_at IS NULL") == 0;
      if (delivered && System.nanoTime() - quietSince > QUIET.toNanos()) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private void fire(RealAlertmanager alertmanager, Instant startsAt, Instant endsAt)
      throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int g = 0; g < GROUPS; g++) {
      for (int i = 0; i < PER_GROUP; i++) {
        if (body.length() > 1) {
          body.append(',');
        }
        body.append(
            """
            {"labels":{"alertname":"Storm%d","severity":"%s","namespace":"gitlab","pod":"webservice-%d"},
             "annotations":{"summary":"storm alert %d of group %d","runbook_url":"https://runbooks.example/storm"},
             "generatorURL":"http://prometheus.example/graph?g0.expr=up%%7Bpod%%3D%%22webservice-%d%%22%%7D",
             "startsAt":"%s"%s}
            """
                .formatted(
                    g,
                    g % 3 == 0 ? "critical" : "warning",
                    i,
                    i,
                    g,
                    i,
                    startsAt,
                    endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\""));
      }
    }
    body.append(']');
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(alertmanager.baseUrl() + "/api/v2/alerts"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }

  private static HttpRequest webhook(RunningBot bot, String group) {
    StringBuilder alerts = new StringBuilder();
    for (int i = 0; i < PER_GROUP; i++) {
      if (i > 0) {
        alerts.append(',');
      }
      alerts.append(
          """
          {"status":"firing","labels":{"alertname":"%s","severity":"warning","pod":"webservice-%d"},
           "annotations":{"summary":"ingest alert %d"},"startsAt":"2026-11-25T16:00:00Z",
           "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example/graph",
           "fingerprint":"%s-%d"}
          """
              .formatted(group, i, i, group, i));
    }
    String body =
        """
        {"version":"4","receiver":"bot","status":"firing","groupKey":"{}:{alertname=\\"%s\\"}",
         "groupLabels":{"alertname":"%s"},"commonLabels":{"alertname":"%s","severity":"warning"},
         "externalURL":"http://am:9093","truncatedAlerts":0,"alerts":[%s]}
        """
            .formatted(group, group, group, alerts);
    return HttpRequest.newBuilder(bot.uri("/alerts/alertmanager"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
  }

  private static String sections() {
    return """
        access: {teamId: T0000TEAM}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        alerts:
          defaultChannel: %s
        """
        .formatted(CHANNEL);
  }

  private static String store(String kind) {
    if (kind.equals("h2")) {
      return null;
    }
    StoreSettings settings = TestDatabases.postgresSettings();
    return "{jdbcUrl: \"" + settings.jdbcUrl() + "\", username: " + settings.username() + "}";
  }

  private static String alertmanagerConfig(URI webhook) {
    return String.join(
        "\n",
        "route:",
        "  receiver: bot",
        "  group_by: ['alertname']",
        "  group_wait: 1s",
        "  group_interval: 5s",
        "  repeat_interval: 4h",
        "receivers:",
        "  - name: bot",
        "    webhook_configs:",
        "      - url: " + webhook,
        "        send_resolved: true",
        "        max_alerts: 0",
        "        http_config:",
        "          authorization:",
        "            credentials: " + TOKEN,
        "");
  }

  /**
   * Slack answers every post with a fresh {@code ts}; with {@code retryAfter} > 0 the second post
   * is refused once with 429 and that {@code Retry-After}.
   */
  private static void stubSlack(RunningBot bot, int retryAfter) {
    for (String method : List.of("chat.postMessage", "chat.update")) {
      bot.slackApi.stubFor(
          post(urlPathEqualTo("/api/" + method)).atPriority(2).willReturn(freshTs()));
    }
    if (retryAfter > 0) {
      bot.slackApi.stubFor(
          post(urlPathEqualTo("/api/chat.postMessage"))
              .atPriority(1)
              .inScenario("ratelimit")
              .whenScenarioStateIs(Scenario.STARTED)
              .willSetStateTo("second")
              .willReturn(freshTs()));
      bot.slackApi.stubFor(
          post(urlPathEqualTo("/api/chat.postMessage"))
              .atPriority(1)
              .inScenario("ratelimit")
              .whenScenarioStateIs("second")
              .willSetStateTo("done")
              .willReturn(
                  aResponse()
                      .withStatus(429)
                      .withHeader("Retry-After", String.valueOf(retryAfter))
                      .withHeader("Content-Type", "application/json")
                      .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
    }
  }

  private static ResponseDefinitionBuilder freshTs() {
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"ok\":true,\"channel\":\""
                + CHANNEL
                + "\",\"ts\":\"1700000000.{{randomValue length=9 type='NUMERIC'}}\"}")
        .withTransformers("response-template");
  }

  private static int named(List<ServeEvent> calls) {
    Set<Integer> named = new HashSet<>();
    for (ServeEvent call : calls) {
      if (call.getResponse().getStatus() != 200) {
        continue;
      }
      String body = URLDecoder.decode(call.getRequest().getBodyAsString(), StandardCharsets.UTF_8);
      for (int g = 0; g < GROUPS; g++) {
        if (body.contains("Storm" + g)) {
          named.add(g);
        }
      }
    }
    return named.size();
  }

  private static boolean isTopLevelPost(ServeEvent call) {
    return call.getResponse().getStatus() == 200
        && method(call).equals("chat.postMessage")
        && form(call, "thread_ts") == null;
  }

  private static String method(ServeEvent call) {
    return call.getRequest().getUrl().substring("/api/".length());
  }

  private static String answeredTs(ServeEvent call) {
    return call.getResponse().getBodyAsString().replaceAll("(?s).*\"ts\":\"([^\"]*)\".*", "$1");
  }

  private static String form(ServeEvent call, String field) {
    for (String pair : call.getRequest().getBodyAsString().split("&")) {
      if (pair.startsWith(field + "=")) {
        return URLDecoder.decode(pair.substring(field.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static List<ServeEvent> slackCalls(RunningBot bot) {
    return bot.slackApi.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().startsWith("/api/chat."))
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .toList();
  }

  private static int count(RunningBot bot, String where) throws Exception {
    try (Connection connection = bot.core.database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT COUNT(*) FROM alert_inbox WHERE " + where)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static <T> double median(List<T> values, ToDoubleFunction<T> of) {
    double[] sorted = values.stream().mapToDouble(of).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static void print(String store, int retryAfter, List<Run> runs) {
    StringBuilder table = new StringBuilder();
    table.append(
        "%nAlertStormBenchmark: %d alerts in %d groups, one channel, store %s, 429 after the first post: %s%n"
            .formatted(
                GROUPS * PER_GROUP,
                GROUPS,
                store,
                retryAfter > 0 ? "Retry-After " + retryAfter + " s" : "no"));
    table.append(
        "| run | ingest alerts/s | groups named | named after s | calls until named |"
            + " firing calls (top-level) | resolution: updates / parents updated / replies /"
            + " top-level | 429s | settled after s | lost |%n".formatted());
    table.append("|---|---|---|---|---|---|---|---|---|---|%n".formatted());
    for (int i = 0; i < runs.size(); i++) {
      table.append(row(String.valueOf(i + 1), runs.get(i)));
    }
    Run median =
        new Run(
            median(runs, Run::ingestPerSecond),
            0,
            median(runs, Run::namedSeconds),
            (int) median(runs, Run::named),
            (int) median(runs, Run::callsUntilNamed),
            (int) median(runs, Run::firingCalls),
            (int) median(runs, Run::firingTopLevel),
            (int) median(runs, Run::resolutionUpdates),
            (int) median(runs, Run::resolutionParentsUpdated),
            (int) median(runs, Run::resolutionReplies),
            (int) median(runs, Run::resolutionTopLevel),
            (int) median(runs, Run::ratelimited),
            median(runs, Run::settledSeconds),
            (int) median(runs, Run::lost));
    table.append(row("median", median));
    System.out.println(table);
  }

  private static String row(String name, Run run) {
    return "| %s | %.0f | %d/%d | %s | %d | %d (%d) | %d / %d / %d / %d | %d | %.1f | %d |%n"
        .formatted(
            name,
            run.ingestPerSecond(),
            run.named(),
            GROUPS,
            Double.isNaN(run.namedSeconds()) ? "never" : "%.1f".formatted(run.namedSeconds()),
            run.callsUntilNamed(),
            run.firingCalls(),
            run.firingTopLevel(),
            run.resolutionUpdates(),
            run.resolutionParentsUpdated(),
            run.resolutionReplies(),
            run.resolutionTopLevel(),
            run.ratelimited(),
            run.settledSeconds(),
            run.lost());
  }
}
