package io.gitlabopsbot.web;

import io.gitlabopsbot.config.HttpSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP listener of the bot (Jetty, core handlers): routes requests by exact path and method to
 * {@link Route}s within {@link HttpLimits}. The bot runs two: the public one (Slack, alert
 * webhooks) and the management one (probes, metrics), each with its own threads, so no amount of
 * public traffic can starve a health probe.
 */
public final class HttpFront implements AutoCloseable {

  /** Largest accepted request body on the public listener. */
  public static final int MAX_BODY_BYTES = HttpLimits.PUBLIC.maxBodyBytes();

  /**
   * Timer, tags {@code listener}, {@code route} (path or "unmatched"), {@code method}, {@code
   * status}.
   */
  public static final String HTTP_REQUESTS = "gitlabopsbot.http.requests";

  /** Gauge, tag {@code listener}: open connections. */
  public static final String HTTP_CONNECTIONS = "gitlabopsbot.http.connections";

  private static final Logger log = LoggerFactory.getLogger(HttpFront.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);
  // One acceptor and one selector: the bot has little traffic and the pod about two cores.
  private static final int ACCEPTORS = 1;
  private static final int SELECTORS = 1;
  // Jetty's own threads only accept, select and parse; routes run on the route pool. Their queue
  // stays Jetty's default (unbounded): it holds at most one task per open connection, and open
  // connections are capped. A bounded one would drop connections in a burst of new ones.
  private static final int IO_THREADS = 6;

  private final String name;
  private final String bindAddress;
  private final int port;
  private final HttpLimits limits;
  private final MeterRegistry registry;
  private final Map<String, Map<String, Route>> routes = new ConcurrentHashMap<>();
  private final InFlightRequests inFlight = new InFlightRequests();
  private Server server;
  private ThreadPoolExecutor routePool;
  // Readable without the lock, so callers need not wait while close() drains requests.
  private volatile int boundPort = -1;

  /**
   * @param name {@code public} or {@code management}: names threads, logs and metrics
   * @param port TCP port; 0 picks a free one (tests)
   */
  public HttpFront(
      String name, String bindAddress, int port, HttpLimits limits, MeterRegistry registry) {
    this.name = Objects.requireNonNull(name, "name");
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    this.port = port;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The public listener of {@code settings}: Slack and the alert webhooks. */
  public HttpFront(HttpSettings settings, MeterRegistry registry) {
    this("public", settings.bindAddress(), settings.port(), HttpLimits.PUBLIC, registry);
  }

  /** The management listener of {@code settings}: health probes and metrics. */
  public static HttpFront management(HttpSettings settings, MeterRegistry registry) {
    return new HttpFront(
        "management",
        settings.managementBindAddress(),
        settings.managementPort(),
        HttpLimits.MANAGEMENT,
        registry);
  }

  /** Sends {@code method} requests for exactly {@code path} to {@code route}. */
  public void route(String method, String path, Route route) {
    Objects.requireNonNull(route, "route");
    routes
        .computeIfAbsent(path, p -> new ConcurrentHashMap<>())
        .put(method.toUpperCase(Locale.ROOT), route);
  }

  /** Binds the port and starts serving; a closed listener cannot be started again. */
  public synchronized void start() {
    if (boundPort >= 0 || server != null) {
      throw new IllegalStateException("HTTP listener " + name + " can be started only once");
    }
    routePool = RoutePool.create("http-" + name + "-route-", limits);
    server = newServer();
    var connector = (ServerConnector) server.getConnectors()[0];
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException(
          "cannot listen on "
              + bindAddress
              + ":"
              + port
              + " ("
              + name
              + " listener); check that the port is free and the bind address exists on this host",
          e);
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("HTTP listener " + name + " did not start", e);
    }
    boundPort = connector.getLocalPort();
    log.info("HTTP listener started [listener={}, address={}, port={}]", name, bindAddress, port());
  }

  private Server newServer() {
    var threads =
        new QueuedThreadPool(ACCEPTORS + SELECTORS + IO_THREADS, ACCEPTORS + SELECTORS + 1);
    threads.setName("http-" + name + "-io");
    threads.setDaemon(true);
    threads.setReservedThreads(0);
    threads.setStopTimeout(STOP_GRACE.toMillis());
    var server = new Server(threads);
    var http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxRequestHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    var connector =
        new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http));
    connector.setHost(bindAddress);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    server.addConnector(connector);
    var connectionLimit = new NetworkConnectionLimit(limits.maxConnections(), connector);
    connectionLimit.setEndPointIdleTimeout(limits.idleTimeoutWhenFull().toMillis());
    server.addBean(connectionLimit);
    Gauge.builder(
            HTTP_CONNECTIONS, connectionLimit, NetworkConnectionLimit::getNetworkConnectionCount)
        .tag("listener", name)
        .register(registry);
    server.setErrorHandler(new PlainErrorHandler());
    server.setHandler(
        new RoutingHandler(name, routes, limits.maxBodyBytes(), inFlight, routePool, registry));
    // close() already waited for running requests; Jetty's own graceful wait would only add the
    // time keep-alive connections take to go idle.
    server.setStopTimeout(0);
    return server;
  }

  /** The port actually bound (differs from the settings when they ask for 0). */
  public int port() {
    int bound = boundPort;
    if (bound < 0) {
      throw new IllegalStateException("HTTP listener " + name + " not started");
    }
    return bound;
  }

  /**
   * Refuses new requests (503), gives running ones up to {@link #STOP_GRACE} to finish, then stops
   * the listener and its threads.
   */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    try {
      if (!inFlight.closeAndAwait(STOP_GRACE)) {
        log.warn(
            "HTTP requests still running after {}; stopping anyway [listener={}]",
            STOP_GRACE,
            name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      log.warn("HTTP listener {} did not stop cleanly", name, e);
    }
    server = null;
    routePool.shutdown();
    try {
      if (!routePool.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        routePool.shutdownNow();
      }
    } catch (InterruptedException e) {
      routePool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
