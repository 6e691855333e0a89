package io.gitlabopsbot.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert state change from any source, normalised so routing, threading and delivery treat
 * Alertmanager and CloudWatch alike.
 *
 * @param source {@code alertmanager} or {@code cloudwatch}
 * @param threadKey what one Slack thread is kept for: Alertmanager's {@code groupKey}, or the
 *     CloudWatch alarm ARN/name
 * @param status {@link Status#FIRING} opens or updates the thread, {@link Status#RESOLVED} closes
 *     it
 * @param severity e.g. {@code critical}, {@code warning}, {@code info}; {@code unknown} if absent
 * @param title one line: the alert or alarm name
 * @param summary one line, may be empty
 * @param description longer text, may be empty
 * @param labels labels worth routing on (Alertmanager labels; for CloudWatch: alarm name, region,
 *     namespace, metric)
 * @param links runbook, generator (Prometheus graph), console, silence links
 * @param startsAt when the problem started
 * @param endsAt when it ended; null while firing
 * @param dedupeKey equal for the same notification sent twice (Alertmanager HA, SNS retries)
 * @param groupLabels what identifies the alert group, and so what a silence from its thread
 *     matches: Alertmanager's group labels plus {@code alertname} when every alert of the
 *     notification shares it; empty when the source has no silences (CloudWatch)
 */
public record AlertEvent(
    String source,
    String threadKey,
    Status status,
    String severity,
    String title,
    String summary,
    String description,
    Map<String, String> labels,
    List<Link> links,
    Instant startsAt,
    Instant endsAt,
    String dedupeKey,
    Map<String, String> groupLabels) {

  /** An event whose source offers no silences. */
  public AlertEvent(
      String source,
      String threadKey,
      Status status,
      String severity,
      String title,
      String summary,
      String description,
      Map<String, String> labels,
      List<Link> links,
      Instant startsAt,
      Instant endsAt,
      String dedupeKey) {
    this(
        source,
        threadKey,
        status,
        severity,
        title,
        summary,
        description,
        labels,
        links,
        startsAt,
        endsAt,
        dedupeKey,
        Map.of());
  }

  public AlertEvent {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(threadKey, "threadKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(dedupeKey, "dedupeKey");
    labels = Map.copyOf(labels);
    links = List.copyOf(links);
    // Rows stored before group labels existed have none: their threads offer no silence.
    groupLabels = groupLabels == null ? Map.of() : Map.copyOf(groupLabels);
  }

  public enum Status {
    FIRING,
    RESOLVED
  }

  /** A link shown with the alert. */
  public record Link(String label, String url) {}
}
