package io.gitlabopsbot.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes requests by exact path and method. No thread waits on a client: the body is read
 * asynchronously, the route then runs on the listener's bounded route pool (a full queue answers
 * 503 instead of blocking anyone, least of all Jetty's accepting and selecting threads), and the
 * reply is written asynchronously. Route failures become a generic 500 so no exception text leaves
 * the pod.
 */
final class RoutingHandler extends Handler.Abstract {

  private static final Logger log = LoggerFactory.getLogger(RoutingHandler.class);

  private final String listener;
  private final Map<String, Map<String, Route>> routes;
  private final int maxBodyBytes;
  private final InFlightRequests inFlight;
  private final Executor routePool;
  private final MeterRegistry registry;

  /**
   * @param routePool runs routes; must refuse (not block, not run on the caller) when it is full
   */
  RoutingHandler(
      String listener,
      Map<String, Map<String, Route>> routes,
      int maxBodyBytes,
      InFlightRequests inFlight,
      Executor routePool,
      MeterRegistry registry) {
    this.listener = listener;
    this.routes = routes;
    this.maxBodyBytes = maxBodyBytes;
    this.inFlight = inFlight;
    this.routePool = routePool;
    this.registry = registry;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = JettyExchange.path(request);
    String method = JettyExchange.method(request);
    Map<String, Route> byMethod = routes.get(path);
    Route route = byMethod == null ? null : byMethod.get(method);
    var exchange = new Exchange(request, response, callback, route == null ? null : path);
    if (!inFlight.enter()) {
      exchange.answer(
          HttpReply.text(503, "shutting down").withHeader("Connection", "close"), false);
    } else if (byMethod == null || byMethod.isEmpty()) {
      exchange.answer(HttpReply.text(404, "not found"), true);
    } else if (route == null) {
      exchange.answer(
          HttpReply.text(405, "method not allowed")
              .withHeader("Allow", String.join(", ", new TreeMap<>(byMethod).keySet())),
          true);
    } else if (request.getLength() > maxBodyBytes) {
      // Refused on the declared length, before any of the body is read.
      exchange.answer(JettyExchange.tooLarge(), true);
    } else {
      Content.Source.asByteArrayAsync(request, maxBodyBytes)
          .whenComplete(
              (body, failure) -> {
                if (failure == null) {
                  runOnPool(exchange, route, body);
                } else if (Request.getContentBytesRead(request) > maxBodyBytes) {
                  exchange.answer(JettyExchange.tooLarge(), true);
                } else {
                  exchange.abort(failure);
                }
              });
    }
    return true;
  }

  /** Runs the (possibly slow) route on the pool; the thread completing the read may not block. */
  private void runOnPool(Exchange exchange, Route route, byte[] body) {
    try {
      routePool.execute(
          () ->
              exchange.answer(
                  invoke(route, JettyExchange.toHttpRequest(exchange.request, body)), true));
    } catch (RejectedExecutionException e) {
      log.warn("HTTP listener {} is saturated; answered 503 [path={}]", listener, exchange.route);
      exchange.answer(JettyExchange.busy(), true);
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
      return JettyExchange.internalError(correlationId);
    }
  }

  /** One request: answers it once, then records it and releases its in-flight slot. */
  private final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String route;
    private final long started = System.nanoTime();

    Exchange(Request request, Response response, Callback callback, String route) {
      this.request = request;
      this.response = response;
      this.callback = callback;
      this.route = route;
    }

    void answer(HttpReply reply, boolean entered) {
      JettyExchange.write(
          request,
          response,
          reply,
          Callback.from(
              () -> {
                finish(reply.status(), entered);
                callback.succeeded();
              },
              failure -> {
                finish(499, entered);
                callback.failed(failure);
              }));
    }

    /** The client went away or broke the request; nothing useful can be answered. */
    void abort(Throwable failure) {
      log.debug("HTTP exchange aborted: {}", failure.toString());
      // Recorded like nginx's "client closed request" so such exchanges still show in metrics.
      finish(499, true);
      callback.failed(failure);
    }

    private void finish(int status, boolean entered) {
      if (entered) {
        inFlight.exit();
      }
      Timer.builder(HttpFront.HTTP_REQUESTS)
          .tags(
              "listener",
              listener,
              "route",
              route == null ? "unmatched" : route,
              "method",
              route == null ? "other" : JettyExchange.method(request),
              "status",
              String.valueOf(status))
          .register(registry)
          .record(Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
