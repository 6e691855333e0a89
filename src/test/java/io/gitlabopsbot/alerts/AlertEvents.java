package io.gitlabopsbot.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, readable events for inbox and routing tests. */
final class AlertEvents {

  private AlertEvents() {}

  static AlertEvent firing(String thread, String dedupe, Map<String, String> labels) {
    return new AlertEvent(
        "alertmanager",
        thread,
        AlertEvent.Status.FIRING,
        labels.getOrDefault("severity", "unknown"),
        labels.getOrDefault("alertname", "unnamed alert"),
        "summary of " + dedupe,
        "",
        labels,
        List.of(new AlertEvent.Link("Runbook", "https://runbooks/" + dedupe)),
        Instant.parse("2026-11-25T16:26:14.957732719Z"),
        null,
        dedupe);
  }

  static AlertEvent firing(String thread, String dedupe) {
    return firing(thread, dedupe, Map.of("alertname", "A", "severity", "warning"));
  }
}
