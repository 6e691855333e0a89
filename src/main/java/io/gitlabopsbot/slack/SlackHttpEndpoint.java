package io.gitlabopsbot.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.gitlabopsbot.metrics.MetricNames;
import io.gitlabopsbot.web.HttpFront;
import io.gitlabopsbot.web.HttpReply;
import io.gitlabopsbot.web.HttpRequest;
import io.gitlabopsbot.web.QueryStrings;
import io.gitlabopsbot.web.Route;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Slack's HTTP requests (slash commands, interactions, events): refuses unsigned, stale
 * and replayed ones, then hands the rest to the Bolt {@link App}.
 */
public final class SlackHttpEndpoint implements Route {

  /** Where the Slack app's request URLs point. */
  public static final String PATH = "/slack/events";

  /** The one body for every rejection, so a caller cannot probe which check failed. */
  static final String REJECTED_BODY = "invalid or expired Slack request signature";

  private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);

  private final App app;
  private final SlackRequestParser parser;
  private final SlackSignatureVerifier verifier;
  private final ReplayGuard replayGuard;
  private final MeterRegistry registry;

  public SlackHttpEndpoint(
      App app, SlackSignatureVerifier verifier, ReplayGuard replayGuard, MeterRegistry registry) {
    this.app = Objects.requireNonNull(app, "app");
    this.parser = new SlackRequestParser(app.config());
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Serves this endpoint at {@link #PATH} for POST. */
  public void register(HttpFront front) {
    front.route("POST", PATH, this);
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    Verification verification = verifier.verify(request.headers(), request.body());
    if (verification instanceof Verification.Rejected rejected) {
      String reason = rejected.reason().name().toLowerCase(Locale.ROOT);
      log.warn("rejected Slack request from {}: {}", request.remoteAddress(), reason);
      countRejection(reason);
      return HttpReply.text(401, REJECTED_BODY);
    }
    var valid = (Verification.Valid) verification;
    if (!replayGuard.firstSeen(valid.replayKey(), valid.expiresAt())) {
      log.info("replayed Slack request ignored (from {})", request.remoteAddress());
      countRejection("replay");
      // 200 so that Slack's own retries stop; the request was already handled once.
      return HttpReply.empty(200);
    }
    // Bolt's own RequestVerification middleware checks the signature once more; ours runs first so
    // that every rejection looks the same to the caller and replays never reach a handler.
    return toReply(runBolt(request));
  }

  private Response runBolt(HttpRequest request) {
    var boltRequest =
        parser.parse(
            SlackRequestParser.HttpRequest.builder()
                .requestUri(request.path())
                .queryString(QueryStrings.parse(request.query()))
                .headers(new RequestHeaders(request.headers()))
                .requestBody(new String(request.body(), StandardCharsets.UTF_8))
                .remoteAddress(request.remoteAddress())
                .build());
    try {
      return app.run(boltRequest);
    } catch (Exception e) {
      throw new SlackDispatchException(
          "Bolt failed to handle a Slack request on " + request.path(), e);
    }
  }

  private static HttpReply toReply(Response response) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (response.getHeaders() != null) {
      response
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!"content-type".equalsIgnoreCase(name) && values != null) {
                  headers.put(name, String.join(", ", values));
                }
              });
    }
    int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
    String body = response.getBody() == null ? "" : response.getBody();
    String contentType = body.isEmpty() ? null : response.getContentType();
    return new HttpReply(status, contentType, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private void countRejection(String reason) {
    registry.counter(MetricNames.SLACK_REQUESTS_REJECTED, "reason", reason).increment();
  }

  /** Bolt threw while handling a verified request; the HTTP layer turns this into a 500. */
  static final class SlackDispatchException extends RuntimeException {
    SlackDispatchException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
