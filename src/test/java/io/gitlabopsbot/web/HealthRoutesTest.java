package io.gitlabopsbot.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.HttpSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthRoutesTest {

  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpFront front;

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void healthz_whenEveryCheckFails_stillAnswersOk() throws Exception {
    start(List.of(new NamedCheck("store", () -> false)), Duration.ofSeconds(2));

    var response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void readyz_whenAllChecksPass_answers200WithEachCheck() throws Exception {
    start(
        List.of(new NamedCheck("store", () -> true), new NamedCheck("slack", () -> true)),
        Duration.ofSeconds(2));

    var response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.body())
        .isEqualTo("{\"status\":\"ready\",\"checks\":{\"store\":\"ok\",\"slack\":\"ok\"}}");
  }

  @Test
  void readyz_whenOneCheckReturnsFalse_answers503MarkingIt() throws Exception {
    start(
        List.of(new NamedCheck("store", () -> false), new NamedCheck("slack", () -> true)),
        Duration.ofSeconds(2));

    var response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"not_ready\",\"checks\":{\"store\":\"failing\",\"slack\":\"ok\"}}");
  }

  @Test
  void readyz_whenOneCheckThrows_answers503WithoutExceptionText() throws Exception {
    start(
        List.of(
            new NamedCheck("store", () -> true),
            new NamedCheck(
                "slack",
                () -> {
                  throw new IllegalStateException("token xoxb-CANARY revoked");
                })),
        Duration.ofSeconds(2));

    var response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body())
        .isEqualTo("{\"status\":\"not_ready\",\"checks\":{\"store\":\"ok\",\"slack\":\"failing\"}}")
        .doesNotContain("CANARY", "IllegalStateException");
  }

  @Test
  void readyz_whenCheckBlocksPastTimeout_answers503InBoundedTime() throws Exception {
    start(
        List.of(
            new NamedCheck("store", this::blockUntilReleased), new NamedCheck("slack", () -> true)),
        Duration.ofMillis(200));

    long started = System.nanoTime();
    var response = get("/readyz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("\"store\":\"failing\"", "\"slack\":\"ok\"");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void metrics_showsRegisteredCounterInPrometheusFormat() throws Exception {
    prometheus.counter("gitlabopsbot.test.events", "kind", "probe").increment(3);
    start(List.of(), Duration.ofSeconds(2));

    var response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue(HealthRoutes.PROMETHEUS_CONTENT_TYPE);
    assertThat(response.body())
        .contains("# TYPE gitlabopsbot_test_events_total counter")
        .contains("gitlabopsbot_test_events_total{kind=\"probe\"} 3.0");
  }

  private boolean blockUntilReleased() {
    try {
      return release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void start(List<ReadinessCheck> checks, Duration timeout) {
    var routes = new HealthRoutes(checks, prometheus, timeout);
    front =
        HttpFront.management(
            new HttpSettings("127.0.0.1", 0, "127.0.0.1", 0), new SimpleMeterRegistry());
    routes.register(front);
    front.start();
    toClose.add(front);
    toClose.add(routes);
    try {
      // The listener's first request loads classes for a while; timed assertions measure the
      // probes.
      get("/warm-up", Duration.ofSeconds(20));
    } catch (Exception e) {
      throw new IllegalStateException("management listener did not answer", e);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get(path, Duration.ofSeconds(3));
  }

  private HttpResponse<String> get(String path, Duration timeout) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + path))
            .timeout(timeout)
            .GET()
            .build();
    return client.send(request, BodyHandlers.ofString());
  }
}
