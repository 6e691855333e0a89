package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.slack.SignedSlackRequests;
import io.gitlabopsbot.web.HttpFront;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that open a connection, send one byte and stall must not freeze the bot: health probes
 * and signed Slack commands still answer within a second. Runs against the real listeners.
 */
class BotSlowClientsTest {

  private static final int STALLED = 300;
  private static final Duration PROMPT = Duration.ofSeconds(1);
  // The first requests of a fresh JVM load classes for a while; that is not what is measured here.
  private static final Duration WARM_UP = Duration.ofSeconds(15);
  private static final String VIEWER = "U0000VIEW";

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(PROMPT).version(HttpClient.Version.HTTP_1_1).build();
  private final List<Socket> stalled = new ArrayList<>();
  private RunningBot running;
  private int sent;

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
                .formatted(RunningBot.TEAM, RunningBot.CHANNEL, VIEWER),
            Map.of());
  }

  @AfterEach
  void stop() {
    for (Socket socket : stalled) {
      try {
        socket.close();
      } catch (IOException e) {
        // already gone
      }
    }
    running.close();
  }

  @Test
  void stalledConnections_doNotDelayHealthOrSignedSlackCommands() throws Exception {
    URI health = running.managementUri("/healthz");
    URI slack = running.uri("/slack/events");
    assertThat(get(health, WARM_UP).statusCode()).isEqualTo(200);
    assertThat(whoami(slack, WARM_UP).body()).contains(VIEWER);

    for (int i = 0; i < STALLED; i++) {
      Socket socket = new Socket();
      stalled.add(socket);
      socket.connect(new InetSocketAddress(slack.getHost(), slack.getPort()), 2_000);
      socket.getOutputStream().write('P');
      socket.getOutputStream().flush();
    }
    // Measure only once the listener holds every stalled connection.
    await().atMost(Duration.ofSeconds(10)).until(() -> openConnections("public") >= STALLED);

    // Several rounds, so a listener that freezes a moment after the stalled clients arrive fails.
    for (int round = 0; round < 3; round++) {
      Instant started = Instant.now();
      assertThat(get(health, PROMPT).statusCode()).isEqualTo(200);
      assertThat(Duration.between(started, Instant.now())).isLessThan(PROMPT);

      started = Instant.now();
      HttpResponse<String> command = whoami(slack, PROMPT);
      assertThat(command.statusCode()).isEqualTo(200);
      assertThat(command.body()).contains(VIEWER);
      assertThat(Duration.between(started, Instant.now())).isLessThan(PROMPT);
    }
  }

  private double openConnections(String listener) {
    var gauge =
        running.core.meters.find(HttpFront.HTTP_CONNECTIONS).tag("listener", listener).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  private HttpResponse<String> get(URI uri, Duration timeout) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A signed {@code /gitlab whoami}, each with its own trigger ID so none is a replay. */
  private HttpResponse<String> whoami(URI uri, Duration timeout) throws Exception {
    String body =
        SignedSlackRequests.slashCommand(
                RunningBot.TEAM, RunningBot.CHANNEL, VIEWER, "/gitlab", "whoami")
            .replace("trigger_id=1.2.3", "trigger_id=1.2." + (++sent));
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    running.slack.signatureHeaders(body, Instant.now()).forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
