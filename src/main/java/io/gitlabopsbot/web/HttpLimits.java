package io.gitlabopsbot.web;

import java.time.Duration;

/**
 * What one HTTP listener accepts before it refuses or drops: threads, queued work, connections,
 * timeouts and sizes. {@link #PUBLIC} and {@link #MANAGEMENT} are the two listeners the bot runs;
 * docs/security.md explains the numbers.
 *
 * @param routeThreads threads that run routes (Jetty's own I/O threads come on top)
 * @param queuedRequests requests waiting for a route thread; beyond that a request gets a 503
 * @param maxConnections open connections; beyond that new ones wait in the kernel's accept queue
 * @param idleTimeout how long a connection may send nothing, mid-request or between requests
 * @param idleTimeoutWhenFull the shorter idle timeout applied while {@code maxConnections} is hit
 * @param maxRequestHeaderBytes request line and headers together; beyond that a 431
 * @param maxBodyBytes request body; beyond that a 413
 */
public record HttpLimits(
    int routeThreads,
    int queuedRequests,
    int maxConnections,
    Duration idleTimeout,
    Duration idleTimeoutWhenFull,
    int maxRequestHeaderBytes,
    int maxBodyBytes) {

  /**
   * Slack and the alert webhooks. A body of 1 MiB fits the largest Alertmanager notification we
   * expect and Slack's largest interaction payloads; bodies are buffered whole, so at most {@code
   * routeThreads} of them are in memory at once.
   */
  public static final HttpLimits PUBLIC =
      new HttpLimits(
          32, 64, 512, Duration.ofSeconds(20), Duration.ofSeconds(2), 8 * 1024, 1024 * 1024);

  /** Probes and scrapes: a few GETs at a time, from the kubelet and Prometheus only. */
  public static final HttpLimits MANAGEMENT =
      new HttpLimits(4, 16, 64, Duration.ofSeconds(10), Duration.ofSeconds(2), 8 * 1024, 16 * 1024);

  public HttpLimits {
    if (routeThreads < 1
        || queuedRequests < 1
        || maxConnections < 1
        || maxRequestHeaderBytes < 1
        || maxBodyBytes < 0) {
      throw new IllegalArgumentException("HTTP limits must be positive: " + this);
    }
    if (idleTimeout.isNegative()
        || idleTimeout.isZero()
        || idleTimeoutWhenFull.isNegative()
        || idleTimeoutWhenFull.isZero()) {
      throw new IllegalArgumentException("HTTP idle timeouts must be positive: " + this);
    }
  }
}
