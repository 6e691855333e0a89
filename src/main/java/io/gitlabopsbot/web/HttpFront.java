package io.gitlabopsbot.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gitlabopsbot.config.HttpSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's HTTP listener: routes requests by exact path and method to {@link Route}s, on a bounded
 * pool of worker threads. Route failures become a generic 500 so no exception text leaves the pod.
 */
public final class HttpFront implements AutoCloseable {

  /** Largest accepted request body; Slack payloads and alert webhooks are far smaller. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  /** Timer, tags {@code route} (path or "unmatched"), {@code method}, {@code status}. */
  public static final String HTTP_REQUESTS = "gitlabopsbot.http.requests";

  private static final Logger log = LoggerFactory.getLogger(HttpFront.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private final HttpSettings settings;
  private final MeterRegistry registry;
  private final Map<String, Map<String, Route>> routes = new ConcurrentHashMap<>();
  private final ExchangeIo io = new ExchangeIo(MAX_BODY_BYTES);
  private final InFlightRequests inFlight = new InFlightRequests();
  private HttpServer server;
  // Readable without the lock, so callers need not wait while close() drains requests.
  private volatile int boundPort = -1;
  private ExecutorService workers;

  public HttpFront(HttpSettings settings, MeterRegistry registry) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Sends {@code method} requests for exactly {@code path} to {@code route}. */
  public void route(String method, String path, Route route) {
    Objects.requireNonNull(route, "route");
    routes
        .computeIfAbsent(path, p -> new ConcurrentHashMap<>())
        .put(method.toUpperCase(Locale.ROOT), route);
  }

  /** Binds the port and starts serving; a closed server cannot be started again. */
  public synchronized void start() {
    if (boundPort >= 0) {
      throw new IllegalStateException("HTTP server can be started only once");
    }
    var address = new InetSocketAddress(settings.bindAddress(), settings.port());
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on "
              + settings.bindAddress()
              + ":"
              + settings.port()
              + "; check that the port is free and the bind address exists on this host",
          e);
    }
    workers = WorkerPool.create("http-front-");
    server.setExecutor(workers);
    server.createContext("/", this::serve);
    server.start();
    boundPort = server.getAddress().getPort();
    log.info("HTTP server listening on {}:{}", settings.bindAddress(), port());
  }

  /** The port actually bound (differs from the settings when they ask for 0). */
  public int port() {
    int port = boundPort;
    if (port < 0) {
      throw new IllegalStateException("HTTP server not started");
    }
    return port;
  }

  /**
   * Refuses new requests, gives running ones up to {@link #STOP_GRACE} to finish, then closes the
   * listener and the workers.
   */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    try {
      if (!inFlight.closeAndAwait(STOP_GRACE)) {
        log.warn("HTTP requests still running after {}; stopping anyway", STOP_GRACE);
      }
      server.stop(0);
      workers.shutdown();
      if (!workers.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.stop(0);
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  private void serve(HttpExchange exchange) {
    long started = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    Map<String, Route> byMethod = routes.get(path);
    Route route = byMethod == null ? null : byMethod.get(method);
    int status;
    if (!inFlight.enter()) {
      HttpReply refusal = HttpReply.text(503, "shutting down").withHeader("Connection", "close");
      status = answer(exchange, () -> refusal);
    } else {
      try {
        status = answer(exchange, () -> dispatch(exchange, byMethod, route));
      } finally {
        inFlight.exit();
      }
    }
    Timer.builder(HTTP_REQUESTS)
        .tags(
            "route", route == null ? "unmatched" : path,
            "method", route == null ? "other" : method,
            "status", String.valueOf(status))
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - started));
  }

  private HttpReply dispatch(HttpExchange exchange, Map<String, Route> byMethod, Route route) {
    if (byMethod == null || byMethod.isEmpty()) {
      return HttpReply.text(404, "not found");
    }
    if (route == null) {
      return HttpReply.text(405, "method not allowed")
          .withHeader("Allow", String.join(", ", new TreeMap<>(byMethod).keySet()));
    }
    try {
      Optional<HttpRequest> request = io.readRequest(exchange);
      if (request.isEmpty()) {
        io.discardRest(exchange);
        return ExchangeIo.tooLarge();
      }
      return invoke(route, request.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Computes and writes the reply, closes the exchange, and returns the status to record. */
  private int answer(HttpExchange exchange, Supplier<HttpReply> replies) {
    try {
      HttpReply reply = replies.get();
      io.writeReply(exchange, reply);
      return reply.status();
    } catch (IOException | UncheckedIOException e) {
      // The client went away or sent a broken request; nothing useful can be answered. Recorded
      // like nginx's "client closed request" so such exchanges still show in metrics.
      log.debug("HTTP exchange aborted: {}", e.toString());
      return 499;
    } finally {
      exchange.close();
    }
  }

  private static HttpReply invoke(Route route, HttpRequest request) {
    try {
      return Objects.requireNonNull(route.handle(request), "route returned no reply");
    } catch (RuntimeException e) {
      String correlationId = CorrelationIds.next();
      log.error(
          "HTTP route {} {} failed (correlation id {})",
          request.method(),
          request.path(),
          correlationId,
          e);
      return ExchangeIo.internalError(correlationId);
    }
  }
}
