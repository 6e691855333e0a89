package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.HttpSettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import io.gitlabopsbot.web.HttpFront;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian package {@code prometheus-alertmanager}) sends its webhook to our
 * endpoint: proves the wire format, the bearer credentials and the firing/resolved sequence.
 */
class AlertmanagerBinaryTest {

  private static final String TOKEN = "binary-test-token";
  private static final List<String> BINARIES = List.of("prometheus-alertmanager", "alertmanager");

  @TempDir Path dir;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Database database = TestDatabases.h2();
  private HttpFront front;
  private Process alertmanager;

  @AfterEach
  void stop() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(5, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (front != null) {
      front.close();
    }
    database.close();
  }

  @Test
  void realAlertmanager_firesThenResolves_bothEventsLandInTheInbox() throws Exception {
    Path binary = alertmanagerBinary();
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
    int port = freePort();
    startAlertmanager(binary, port, front.port());

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

  private void startAlertmanager(Path binary, int port, int botPort) throws Exception {
    Path config = dir.resolve("am.yml");
    Files.writeString(
        config,
        String.join(
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
            ""));
    File log = dir.resolve("alertmanager.log").toFile();
    alertmanager =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    await("Alertmanager ready (log: " + log + ")")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(alertmanager.isAlive())
                  .as("Alertmanager exited: %s", Files.readString(log.toPath()))
                  .isTrue();
              var ready =
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build();
              return client.send(ready, BodyHandlers.discarding()).statusCode() == 200;
            });
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

  /** The binary on PATH; skipped locally, but a loud failure on CI where it must be installed. */
  private static Path alertmanagerBinary() {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .flatMap(entry -> BINARIES.stream().map(name -> Path.of(entry, name)))
            .filter(Files::isExecutable)
            .findFirst();
    String missing =
        "No Alertmanager binary ("
            + String.join(" or ", BINARIES)
            + ") on PATH: install the"
            + " Debian package prometheus-alertmanager (apt-get install -y prometheus-alertmanager)";
    if (found.isEmpty() && System.getenv("CI") != null) {
      fail(missing + ". CI is set, so this test must run, not be skipped.");
    }
    Assumptions.assumeTrue(found.isPresent(), missing + "; skipping the real-Alertmanager test.");
    return found.get();
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
