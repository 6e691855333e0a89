package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertInbox.AlertInboxUnavailableException;
import io.gitlabopsbot.web.AuthFailureLimiter;
import io.gitlabopsbot.web.HttpFront;
import io.gitlabopsbot.web.HttpReply;
import io.gitlabopsbot.web.HttpRequest;
import io.gitlabopsbot.web.Route;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Alertmanager webhook notifications: checks credentials, parses, and answers 200 only
 * once every alert is in the durable {@link AlertInbox}. Alertmanager retries 5xx answers but not
 * 4xx, so only requests that can never succeed get a 4xx.
 */
public final class AlertmanagerEndpoint implements Route {

  /** Where Alertmanager's webhook receiver points. */
  public static final String PATH = "/alerts/alertmanager";

  /** The one body for every credential failure; it never echoes what was sent. */
  static final String UNAUTHORIZED_BODY = "missing or invalid credentials";

  /** Failed authentications per source address and minute answered 401; the rest get 429. */
  static final int MAX_AUTH_FAILURES_PER_MINUTE = 10;

  private static final Logger log = LoggerFactory.getLogger(AlertmanagerEndpoint.class);
  private static final int MAX_LOGGED_CHARS = 200;

  private final WebhookAuth auth;
  private final AuthFailureLimiter authFailures;
  private final AlertInbox inbox;
  private final MeterRegistry registry;
  private final AlertmanagerEvents events = new AlertmanagerEvents();

  public AlertmanagerEndpoint(WebhookAuth auth, AlertInbox inbox, MeterRegistry registry) {
    this(
        auth,
        new AuthFailureLimiter(MAX_AUTH_FAILURES_PER_MINUTE, Clock.systemUTC()),
        inbox,
        registry);
  }

  /**
   * @param authFailures limits answers to failed authentications; authenticated requests never
   *     consult it
   */
  public AlertmanagerEndpoint(
      WebhookAuth auth, AuthFailureLimiter authFailures, AlertInbox inbox, MeterRegistry registry) {
    this.auth = Objects.requireNonNull(auth, "auth");
    this.authFailures = Objects.requireNonNull(authFailures, "authFailures");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** Serves this endpoint at {@link #PATH} for POST. */
  public void register(HttpFront front) {
    front.route("POST", PATH, this);
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    if (!auth.allows(request.header("Authorization"))) {
      AuthFailureLimiter.Verdict verdict = authFailures.recordFailure(request.remoteAddress());
      if (verdict.limited()) {
        if (verdict.firstLimited()) {
          log.warn(
              "Alertmanager webhook: more than {} failed authentications in a minute from {};"
                  + " answering 429 to its further failures for {}s",
              authFailures.maxFailures(),
              request.remoteAddress(),
              verdict.retryAfterSeconds());
        }
        return reject(
            "rate_limited",
            HttpReply.text(429, "too many failed authentications; retry later")
                .withHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds())));
      }
      log.warn(
          "refused Alertmanager webhook from {}: missing or wrong credentials",
          request.remoteAddress());
      return reject(
          "unauthorized",
          HttpReply.text(401, UNAUTHORIZED_BODY)
              .withHeader("WWW-Authenticate", "Bearer realm=\"alertmanager\""));
    }
    if (!isJson(request.header("Content-Type"))) {
      return reject(
          "unsupported_media_type",
          HttpReply.text(415, "send the notification as application/json"));
    }
    AlertmanagerPayload payload;
    List<AlertEvent> parsed;
    try {
      payload = events.parse(request.body());
      parsed = events.toEvents(payload);
    } catch (MalformedAlertPayloadException e) {
      log.warn(
          "refused malformed Alertmanager webhook from {}: {}",
          request.remoteAddress(),
          e.getMessage());
      return reject("malformed", HttpReply.text(400, "malformed alert payload: " + e.getMessage()));
    }
    int fresh;
    try {
      fresh = inbox.accept(parsed);
    } catch (AlertInboxUnavailableException e) {
      log.warn(
          "Alertmanager notification [receiver={}, groupKey={}, alerts={}] not stored;"
              + " answered 503 so Alertmanager retries",
          loggable(payload.receiver()),
          loggable(payload.groupKey()),
          parsed.size(),
          e);
      return reject(
          "unavailable",
          HttpReply.text(503, "alert inbox unavailable; retry later")
              .withHeader("Retry-After", "10"));
    }
    count(AlertMetrics.RECEIVED, parsed.size());
    count(AlertMetrics.DUPLICATE, parsed.size() - fresh);
    log.info(
        "Alertmanager notification [receiver={}, groupKey={}, alerts={}, new={}]",
        loggable(payload.receiver()),
        loggable(payload.groupKey()),
        parsed.size(),
        fresh);
    if (payload.truncatedAlerts() != null && payload.truncatedAlerts() > 0) {
      log.warn(
          "Alertmanager left {} alert(s) out of groupKey={} (max_alerts of the receiver)",
          payload.truncatedAlerts(),
          loggable(payload.groupKey()));
    }
    return HttpReply.json(200, "{\"alerts\":" + parsed.size() + ",\"new\":" + fresh + "}");
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT).equals("application/json");
  }

  private HttpReply reject(String reason, HttpReply reply) {
    AlertMetrics.counter(
            registry, AlertMetrics.REJECTED, "source", AlertmanagerEvents.SOURCE, "reason", reason)
        .increment();
    return reply;
  }

  private void count(String name, int amount) {
    AlertMetrics.counter(registry, name, "source", AlertmanagerEvents.SOURCE).increment(amount);
  }

  // Values from the request: shortened and stripped of control characters so that a crafted
  // receiver or group key cannot forge log lines.
  private static String loggable(String value) {
    if (value == null) {
      return "-";
    }
    String clean = value.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > MAX_LOGGED_CHARS ? clean.substring(0, MAX_LOGGED_CHARS) + "…" : clean;
  }
}
