package io.gitlabopsbot.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes probes and the Prometheus scrape endpoint: {@code GET /healthz} (liveness), {@code GET
 * /readyz} (readiness) and {@code GET /metrics}.
 */
public final class HealthRoutes implements AutoCloseable {

  /** Prometheus text exposition format 0.0.4, which every Prometheus version scrapes. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ReadinessProbe probe;
  private final PrometheusMeterRegistry prometheus;

  /**
   * @param checks dependencies that must be usable for the pod to receive traffic
   * @param timeout how long {@code /readyz} waits for the checks; a slower check counts as failing
   */
  public HealthRoutes(
      List<? extends ReadinessCheck> checks, PrometheusMeterRegistry prometheus, Duration timeout) {
    this.probe = new ReadinessProbe(checks, timeout);
    this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
  }

  /** Adds the three routes to {@code front}. */
  public void register(HttpFront front) {
    // Liveness only says the process serves HTTP. It must not depend on Slack or the store, or an
    // outage elsewhere would make Kubernetes restart healthy pods in a loop.
    front.route("GET", "/healthz", request -> HttpReply.text(200, "ok"));
    front.route("GET", "/readyz", request -> readiness());
    front.route("GET", "/metrics", request -> metrics());
  }

  private HttpReply readiness() {
    Map<String, Boolean> results = probe.run();
    boolean ready = results.values().stream().allMatch(Boolean::booleanValue);
    var json = new StringBuilder();
    json.append("{\"status\":\"").append(ready ? "ready" : "not_ready").append("\",\"checks\":{");
    boolean first = true;
    for (var entry : results.entrySet()) {
      json.append(first ? "" : ",")
          .append(jsonString(entry.getKey()))
          .append(':')
          .append(entry.getValue() ? "\"ok\"" : "\"failing\"");
      first = false;
    }
    json.append("}}");
    return HttpReply.json(ready ? 200 : 503, json.toString());
  }

  private HttpReply metrics() {
    String text = prometheus.scrape(PROMETHEUS_CONTENT_TYPE);
    return new HttpReply(
        200, PROMETHEUS_CONTENT_TYPE, Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  private static String jsonString(String text) {
    var out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Stops the threads that run readiness checks. */
  @Override
  public void close() {
    probe.close();
  }
}
