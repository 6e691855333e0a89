package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.HttpSettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import io.gitlabopsbot.web.HttpFront;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian package {@code prometheus-alertmanager}) sends its webhook to our
 * endpoint: proves the wire format, the bearer credentials and the firing/resolved sequence.
 */
class AlertmanagerBinaryTest {

  private static final String TOKEN = "binary-test-token";

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Database database = TestDatabases.h2();
  private HttpFront front;
  private RealAlertmanager alertmanager;

  @AfterEach
  void stop() {
    if (alertmanager != null) {
      alertmanager.close();
    }
    if (front != null) {
      front.close();
    }
    database.close();
  }

  @Test
  void realAlertmanager_firesThenResolves_bothEventsLandInTheInbox() throws Exception {
    var inbox =
        new JdbcAlertInbox(
            database.dataSource(),
            new AlertRoutes(new AlertRoutingSettings("C-ALERTS", null, null)),
            Clock.systemUTC(),
            registry);
    front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);
    new AlertmanagerEndpoint(new WebhookAuth(new Secret(TOKEN), null, null), inbox, registry)
        .register(front);
    front.start();
    alertmanager = RealAlertmanager.start(dir, config(front.port()));
    int port = alertmanager.baseUrl().getPort();

    Instant startsAt = Instant.now().minusSeconds(5);
    postAlert(port, startsAt, null);
    await("firing notification")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inbox.pending(10).size() >= 1);
    postAlert(port, startsAt, Instant.now().minusSeconds(1));
    await("resolved notification")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> inbox.pending(10).size() >= 2);

    List<AlertEvent> events = inbox.pending(10).stream().map(PendingAlert::event).toList();
    assertThat(events)
        .extracting(AlertEvent::status)
        .containsExactly(AlertEvent.Status.FIRING, AlertEvent.Status.RESOLVED);
    AlertEvent firing = events.get(0);
    assertThat(firing.threadKey()).isEqualTo("{}:{alertname=\"BinaryTestAlert\"}");
    assertThat(firing.title()).isEqualTo("BinaryTestAlert");
    assertThat(firing.severity()).isEqualTo("critical");
    assertThat(firing.summary()).isEqualTo("from the real binary");
    assertThat(firing.endsAt()).isNull();
    assertThat(firing.links()).extracting(AlertEvent.Link::label).contains("Source", "Silence");
    assertThat(events.get(1).threadKey()).isEqualTo(firing.threadKey());
    assertThat(events.get(1).endsAt()).isNotNull();
  }

  @Test
  void realAlertmanager_groupOfThirtyFiresThenResolves_oneParentUpdatedInPlace() throws Exception {
    try (AlertDeliveryFixture fixture = new AlertDeliveryFixture()) {
      front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);
      new AlertmanagerEndpoint(
              new WebhookAuth(new Secret(TOKEN), null, null), fixture.inbox, registry)
          .register(front);
      front.start();
      alertmanager = RealAlertmanager.start(dir, config(front.port()));
      int port = alertmanager.baseUrl().getPort();
      AlertDelivery worker = fixture.newWorker();

      Instant startsAt = Instant.now().minusSeconds(60);
      postGroup(port, startsAt, null);
      await("thirty firing alerts")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> fixture.undelivered() == 30);
      fixture.deliverUntilEmpty(worker, 10);
      List<AlertDeliveryFixture.Call> firing = fixture.calls();
      assertThat(firing).hasSize(1);
      assertThat(firing.get(0).text()).isEqualTo("🔴 BinaryGroup is firing: 30 alerts");
      assertThat(firing.get(0).form().get("blocks"))
          .contains("… and 20 more", "/#/alerts?filter\\u003d", "http://prometheus.example/graph");

      postGroup(port, startsAt, Instant.now().minusSeconds(1));
      await("thirty resolved alerts")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> fixture.undelivered() == 30);
      fixture.deliverUntilEmpty(worker, 10);
      List<AlertDeliveryFixture.Call> resolution =
          fixture.calls().subList(1, fixture.calls().size());
      String parent = firing.get(0).ts();
      assertThat(resolution)
          .filteredOn(call -> call.method().equals("chat.postMessage"))
          .as("at most one reply, no new top-level message")
          .hasSize(1)
          .allMatch(call -> parent.equals(call.threadTs()));
      assertThat(resolution)
          .filteredOn(call -> call.method().equals("chat.update"))
          .allMatch(call -> parent.equals(call.form().get("ts")))
          .last()
          .satisfies(call -> assertThat(call.text()).startsWith("✅ BinaryGroup resolved after"));
      worker.close();
    }
  }

  private void postGroup(int port, Instant startsAt, Instant endsAt) throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"labels\":{\"alertname\":\"BinaryGroup\",\"severity\":\"critical\",")
          .append("\"pod\":\"gitaly-")
          .append(i)
          .append("\"},\"annotations\":{\"summary\":\"gitaly is down\"},")
          .append("\"generatorURL\":\"http://prometheus.example/graph\",\"startsAt\":\"")
          .append(startsAt)
          .append("\"")
          .append(endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"")
          .append("}");
    }
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body.append("]").toString()))
            .build();
    assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }

  private static String config(int botPort) {
    return String.join(
        "\n",
        "route:",
        "  receiver: bot",
        "  group_by: ['alertname']",
        "  group_wait: 1s",
        "  group_interval: 1s",
        "  repeat_interval: 1h",
        "receivers:",
        "  - name: bot",
        "    webhook_configs:",
        "      - url: http://127.0.0.1:" + botPort + AlertmanagerEndpoint.PATH,
        "        send_resolved: true",
        "        http_config:",
        "          authorization:",
        "            credentials: " + TOKEN,
        "");
  }

  private void postAlert(int port, Instant startsAt, Instant endsAt) throws Exception {
    String body =
        "[{\"labels\":{\"alertname\":\"BinaryTestAlert\",\"severity\":\"critical\"},"
            + "\"annotations\":{\"summary\":\"from the real binary\"},"
            + "\"generatorURL\":\"http://prometheus.example/graph\","
            + "\"startsAt\":\""
            + startsAt
            + "\""
            + (endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"")
            + "}]";
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/alerts"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(body))
            .build();
    assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
  }
}
