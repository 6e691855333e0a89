package io.gitlabopsbot.alerts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Meter names of the alert intake and delivery, in Micrometer's dotted form (see {@code
 * MetricNames}), and their HELP texts: register them through {@link #counter} so Prometheus shows
 * what each one means.
 */
public final class AlertMetrics {

  /** Counter, tag {@code source}: alert events received in accepted notifications. */
  public static final String RECEIVED = "gitlabopsbot.alerts.received";

  /** Counter, tag {@code source}: received events already in the inbox (resent notifications). */
  public static final String DUPLICATE = "gitlabopsbot.alerts.duplicate";

  /** Counter, tags {@code source}, {@code rule}: new events stored muted instead of delivered. */
  public static final String MUTED = "gitlabopsbot.alerts.muted";

  /**
   * Counter, tags {@code source}, {@code reason} (unauthorized, unsupported_media_type, malformed,
   * unavailable): webhook notifications refused.
   */
  public static final String REJECTED = "gitlabopsbot.alerts.rejected";

  /** Counter, tag {@code kind} (parent, update, reply, resolved): inbox rows delivered. */
  public static final String DELIVERED = "gitlabopsbot.alerts.delivered";

  /** Counter, tag {@code reason} (Slack's error code, ratelimited, store): failed steps' rows. */
  public static final String DELIVERY_FAILED = "gitlabopsbot.alerts.delivery.failed";

  /** Counter, tag {@code channel}: Slack answered 429 (rate limited) to an alert post. */
  public static final String SLACK_RATELIMITED = "gitlabopsbot.alerts.slack.ratelimited";

  /** Gauge: inbox rows (alert events per channel) not delivered to Slack yet. */
  public static final String INBOX_DEPTH = "gitlabopsbot.alerts.inbox.depth";

  /** Gauge, seconds: how long the oldest undelivered inbox row has waited; 0 when none waits. */
  public static final String INBOX_OLDEST_AGE = "gitlabopsbot.alerts.inbox.oldest.age";

  private static final Map<String, String> HELP =
      Map.of(
          RECEIVED, "Alert events received in accepted webhook notifications",
          DUPLICATE, "Received alert events that were already in the inbox (deduplicated)",
          MUTED, "New alert events stored muted instead of delivered",
          REJECTED, "Alert webhook notifications refused",
          DELIVERED, "Alert events delivered to Slack, by the kind of step that delivered them",
          DELIVERY_FAILED, "Alert events whose delivery step failed and will be retried",
          SLACK_RATELIMITED, "Slack 429 (rate limited) answers to alert messages, per channel");

  private AlertMetrics() {}

  /** The counter {@code name} with {@code tags}, registered with its HELP text. */
  static Counter counter(MeterRegistry registry, String name, String... tags) {
    return Counter.builder(name).description(HELP.get(name)).tags(tags).register(registry);
  }

  /** Registers the inbox depth and oldest-age gauges; each scrape asks the store once each. */
  static void inboxGauges(MeterRegistry registry, JdbcAlertInbox inbox, Clock clock) {
    Gauge.builder(
            INBOX_DEPTH,
            inbox,
            box -> {
              long rows = depth(box).rows();
              return rows < 0 ? Double.NaN : rows;
            })
        .description("Alert events waiting for delivery to Slack")
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            INBOX_OLDEST_AGE,
            inbox,
            box -> {
              PendingAlerts.Depth depth = depth(box);
              return depth.oldestReceivedAt() == null
                  ? 0
                  : Math.max(
                          0, Duration.between(depth.oldestReceivedAt(), clock.instant()).toMillis())
                      / 1000.0;
            })
        .description("Age of the oldest alert event not yet delivered to Slack")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  // A store that cannot answer shows as NaN (no data), not as an empty inbox.
  private static PendingAlerts.Depth depth(JdbcAlertInbox inbox) {
    try {
      return inbox.depth();
    } catch (RuntimeException e) {
      return new PendingAlerts.Depth(-1, null);
    }
  }
}
