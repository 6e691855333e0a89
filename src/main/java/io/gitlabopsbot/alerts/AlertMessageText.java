package io.gitlabopsbot.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Small text helpers for alert messages: escaping, bounding, emoji, durations, links. */
final class AlertMessageText {

  // Labels that repeat what the message shows already, or only say which scraper saw it.
  private static final Set<String> NOISY_LABELS =
      Set.of(
          "alertname",
          "severity",
          "prometheus",
          "prometheus_replica",
          "instance",
          "endpoint",
          "receive",
          "alertgroup",
          "__name__");

  // A cut URL would lead somewhere wrong; a longer one is left out instead.
  static final int MAX_URL = 1500;

  private AlertMessageText() {}

  /** Slack's emoji for a severity: red critical, orange warning, blue info, white otherwise. */
  static String emoji(String severity) {
    return switch (severity == null ? "" : severity.toLowerCase(Locale.ROOT)) {
      case "critical", "error", "page" -> "🔴";
      case "warning", "warn" -> "🟠";
      case "info", "informational", "none" -> "🔵";
      default -> "⚪";
    };
  }

  /**
   * {@code raw} made safe for mrkdwn and cut to {@code max} chars: {@code &}, {@code <}, {@code >}
   * escaped so that {@code <!channel>} in an annotation cannot ping anyone.
   */
  static String mrkdwn(String raw, int max) {
    return escape(plain(raw, max));
  }

  /** {@code raw} on one line (for headers and lists), cut to {@code max} chars, not escaped. */
  static String line(String raw, int max) {
    return plain(raw == null ? "" : raw.replaceAll("\\s+", " ").strip(), max);
  }

  static String plain(String raw, int max) {
    String text = raw == null ? "" : raw.strip();
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Labels worth a field, in name order, at most {@code max}. */
  static List<Map.Entry<String, String>> shownLabels(Map<String, String> labels, int max) {
    return labels.entrySet().stream()
        .filter(label -> !NOISY_LABELS.contains(label.getKey()))
        .filter(label -> label.getValue() != null && !label.getValue().isBlank())
        .sorted(Map.Entry.comparingByKey())
        .limit(max)
        .toList();
  }

  /** Links as one mrkdwn context line, e.g. {@code <https://…|Runbook> · <https://…|Source>}. */
  static String links(List<AlertEvent.Link> links) {
    return links.stream()
        .filter(link -> isWebUrl(link.url()) && link.url().length() <= MAX_URL)
        .map(link -> "<" + url(link.url()) + "|" + label(link.label()) + ">")
        .collect(Collectors.joining(" · "));
  }

  /** Human duration, coarse on purpose: {@code 45s}, {@code 5m}, {@code 1h 12m}, {@code 2d 3h}. */
  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3600;
    long minutes = seconds % 3600 / 60;
    if (days > 0) {
      return hours > 0 ? days + "d " + hours + "h" : days + "d";
    }
    if (hours > 0) {
      return minutes > 0 ? hours + "h " + minutes + "m" : hours + "h";
    }
    return minutes > 0 ? minutes + "m" : seconds + "s";
  }

  private static boolean isWebUrl(String url) {
    if (url == null) {
      return false;
    }
    String lower = url.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }

  // Inside <url|label> a '|' or '>' would end the URL early; Slack wants &, <, > escaped too.
  private static String url(String url) {
    return escape(url.strip().replace("|", "%7C").replace(" ", "%20"));
  }

  private static String label(String label) {
    String text = line(label == null || label.isBlank() ? "link" : label, 40);
    return escape(text.replace("|", "/"));
  }
}
