package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Alertmanager binary (Debian package {@code prometheus-alertmanager}) on a free port, for
 * tests of its API: skipped locally when missing, a failure on CI (where {@code CI} is set).
 */
public final class RealAlertmanager implements AutoCloseable {

  private static final List<String> BINARIES = List.of("prometheus-alertmanager", "alertmanager");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final int port;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RealAlertmanager(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts it with a receiver that sends nowhere, and waits until it is ready. */
  public static RealAlertmanager start(Path dir) throws IOException {
    return start(
        dir, String.join("\n", "route:", "  receiver: none", "receivers:", "  - name: none", ""));
  }

  /** Starts it with {@code configYaml} as its configuration, and waits until it is ready. */
  public static RealAlertmanager start(Path dir, String configYaml) throws IOException {
    Path binary = binary();
    Path config = dir.resolve("am.yml");
    Files.writeString(config, configYaml);
    int port = freePort();
    File log = dir.resolve("alertmanager.log").toFile();
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(dir.resolve("am-data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(log)
            .start();
    RealAlertmanager alertmanager = new RealAlertmanager(process, port);
    await("Alertmanager ready (log: " + log + ")")
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(process.isAlive())
                  .as("Alertmanager exited: %s", Files.readString(log.toPath()))
                  .isTrue();
              return alertmanager.get("/-/ready").statusCode() == 200;
            });
    return alertmanager;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Every silence Alertmanager knows, as its API returns them. */
  public JsonNode silences() {
    try {
      return JSON.readTree(get("/api/v2/silences").body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private java.net.http.HttpResponse<String> get(String path) {
    try {
      return client.send(
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A port nothing listens on (just freed), for "Alertmanager is down" tests. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path binary() {
    Optional<Path> found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .flatMap(entry -> BINARIES.stream().map(name -> Path.of(entry, name)))
            .filter(Files::isExecutable)
            .findFirst();
    String missing =
        "No Alertmanager binary ("
            + String.join(" or ", BINARIES)
            + ") on PATH: install the Debian package prometheus-alertmanager";
    if (found.isEmpty() && System.getenv("CI") != null) {
      fail(missing + ". CI is set, so this test must run, not be skipped.");
    }
    Assumptions.assumeTrue(found.isPresent(), missing + "; skipping.");
    return found.get();
  }
}
