package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gitlabopsbot.alerts.AlertmanagerPayload.Alert;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads Alertmanager webhook bodies and turns each alert into an {@link AlertEvent}. */
public final class AlertmanagerEvents {

  /** The {@link AlertEvent#source()} of these events. */
  public static final String SOURCE = "alertmanager";

  // Go's zero time.Time, which Alertmanager sends as endsAt while an alert is firing.
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /**
   * Parses a webhook body.
   *
   * @throws MalformedAlertPayloadException if it is not a JSON object with an {@code alerts} array
   */
  public AlertmanagerPayload parse(byte[] body) {
    AlertmanagerPayload payload;
    try {
      payload = mapper.readValue(body, AlertmanagerPayload.class);
    } catch (JacksonException e) {
      throw new MalformedAlertPayloadException(
          "body is not an Alertmanager webhook notification (invalid JSON or wrong field types)",
          e);
    } catch (IOException e) {
      throw new MalformedAlertPayloadException("body could not be read", e);
    }
    if (payload == null) {
      throw new MalformedAlertPayloadException("body is empty or JSON null");
    }
    if (payload.alerts() == null) {
      throw new MalformedAlertPayloadException("payload has no \"alerts\" array");
    }
    return payload;
  }

  /**
   * One event per alert of {@code payload}, in the order sent.
   *
   * @throws MalformedAlertPayloadException if an alert is null, has an unknown status, or a time
   *     that is not RFC 3339
   */
  public List<AlertEvent> toEvents(AlertmanagerPayload payload) {
    String threadKey = threadKey(payload);
    Map<String, String> groupLabels = groupLabels(payload);
    AlertEvent.Link group = AlertmanagerLinks.group(payload.externalURL(), groupLabels);
    List<AlertEvent> events = new ArrayList<>(payload.alerts().size());
    for (int i = 0; i < payload.alerts().size(); i++) {
      Alert alert = payload.alerts().get(i);
      if (alert == null) {
        throw new MalformedAlertPayloadException("alert " + i + " is null");
      }
      events.add(toEvent(payload, alert, i, threadKey, groupLabels, group));
    }
    return events;
  }

  private AlertEvent toEvent(
      AlertmanagerPayload payload,
      Alert alert,
      int index,
      String thread,
      Map<String, String> groupLabels,
      AlertEvent.Link group) {
    Map<String, String> labels = nonNull(alert.labels());
    Map<String, String> annotations = nonNull(alert.annotations());
    AlertEvent.Status status = status(alert, payload, index);
    Instant startsAt = time(alert.startsAt(), "startsAt", index);
    Instant endsAt = time(alert.endsAt(), "endsAt", index);
    String fingerprint =
        blank(alert.fingerprint()) ? new TreeMap<>(labels).toString() : alert.fingerprint();
    String summary = firstPresent(annotations.get("summary"), annotations.get("message"));
    String description =
        firstPresent(
            annotations.get("description"),
            blank(annotations.get("summary")) ? null : annotations.get("message"));
    return new AlertEvent(
        SOURCE,
        thread,
        status,
        firstPresent(labels.get("severity"), "unknown"),
        firstPresent(labels.get("alertname"), "unnamed alert"),
        summary,
        description,
        labels,
        AlertmanagerLinks.of(alert, annotations, labels, payload.externalURL(), group),
        startsAt,
        endsAt,
        DedupeKeys.of(SOURCE, thread, status.name(), fingerprint, startsAt == null ? "" : startsAt),
        groupLabels);
  }

  /**
   * The labels a silence of this group matches: the group labels (what makes it this group), plus
   * the alert name when all its alerts share one, so a group formed by, say, {@code namespace}
   * alone does not silence every other alert of that namespace. Values never empty: an empty
   * equality matcher would also match alerts without the label.
   */
  static Map<String, String> groupLabels(AlertmanagerPayload payload) {
    Map<String, String> labels = new TreeMap<>();
    nonNull(payload.groupLabels())
        .forEach(
            (name, value) -> {
              if (!blank(value)) {
                labels.put(name, value);
              }
            });
    String alertname = nonNull(payload.commonLabels()).get("alertname");
    if (!blank(alertname)) {
      labels.put("alertname", alertname);
    }
    return labels;
  }

  // Alertmanager always sends groupKey; without one, the receiver and group labels identify the
  // group the same way for every notification of it.
  private static String threadKey(AlertmanagerPayload payload) {
    if (!blank(payload.groupKey())) {
      return payload.groupKey();
    }
    return firstPresent(payload.receiver(), "")
        + ":"
        + new TreeMap<>(nonNull(payload.groupLabels()));
  }

  private static AlertEvent.Status status(Alert alert, AlertmanagerPayload payload, int index) {
    String status = blank(alert.status()) ? payload.status() : alert.status();
    if ("firing".equals(status)) {
      return AlertEvent.Status.FIRING;
    }
    if ("resolved".equals(status)) {
      return AlertEvent.Status.RESOLVED;
    }
    throw new MalformedAlertPayloadException(
        "alert " + index + " has status " + describe(status) + "; expected firing or resolved");
  }

  private static Instant time(String text, String field, int index) {
    if (blank(text)) {
      return null;
    }
    try {
      Instant instant = OffsetDateTime.parse(text.strip()).toInstant();
      return instant.equals(GO_ZERO_TIME) ? null : instant;
    } catch (DateTimeParseException e) {
      throw new MalformedAlertPayloadException(
          "alert " + index + " has a " + field + " that is not an RFC 3339 time", e);
    }
  }

  private static String describe(String status) {
    if (status == null) {
      return "missing";
    }
    // Only a short, printable prefix: the text goes back to the caller and into logs.
    String cut = status.length() > 20 ? status.substring(0, 20) + "…" : status;
    return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
  }

  private static Map<String, String> nonNull(Map<String, String> map) {
    if (map == null) {
      return Map.of();
    }
    Map<String, String> copy = new TreeMap<>();
    map.forEach((key, value) -> copy.put(key, value == null ? "" : value));
    return copy;
  }

  private static String firstPresent(String first, String fallback) {
    if (!blank(first)) {
      return first;
    }
    return fallback == null ? "" : fallback;
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
