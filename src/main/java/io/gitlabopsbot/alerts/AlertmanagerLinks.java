package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertmanagerPayload.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The links shown with an Alertmanager alert: runbook, Prometheus graph, new silence. */
final class AlertmanagerLinks {

  static final String RUNBOOK = "Runbook";
  static final String SOURCE = "Source";
  static final String SILENCE = "Silence";
  static final String GROUP = "Alertmanager";

  private AlertmanagerLinks() {}

  static List<AlertEvent.Link> of(
      Alert alert, Map<String, String> annotations, Map<String, String> labels, String external) {
    return of(alert, annotations, labels, external, (AlertEvent.Link) null);
  }

  /** The link to a group in Alertmanager's UI, or null without a web URL or group labels. */
  static AlertEvent.Link group(String external, Map<String, String> groupLabels) {
    return isWebUrl(external) && !groupLabels.isEmpty()
        ? new AlertEvent.Link(GROUP, groupUrl(external.strip(), groupLabels))
        : null;
  }

  /**
   * As above, plus {@code group}: the whole group in Alertmanager's UI (see {@link #group}), the
   * same for every alert of a notification; null for none.
   */
  static List<AlertEvent.Link> of(
      Alert alert,
      Map<String, String> annotations,
      Map<String, String> labels,
      String external,
      AlertEvent.Link group) {
    List<AlertEvent.Link> links = new ArrayList<>();
    String runbook = annotations.get("runbook_url");
    if (isWebUrl(runbook)) {
      links.add(new AlertEvent.Link(RUNBOOK, runbook.strip()));
    }
    if (isWebUrl(alert.generatorURL())) {
      links.add(new AlertEvent.Link(SOURCE, alert.generatorURL().strip()));
    }
    if (isWebUrl(external) && !labels.isEmpty()) {
      links.add(new AlertEvent.Link(SILENCE, silenceUrl(external.strip(), labels)));
    }
    if (group != null) {
      links.add(group);
    }
    return links;
  }

  /**
   * Alertmanager's "new silence" form, pre-filled with a matcher per label, e.g. {@code
   * http://am/#/silences/new?filter=%7Balertname%3D%22X%22%7D}.
   */
  static String silenceUrl(String externalUrl, Map<String, String> labels) {
    return page(externalUrl, "silences/new", labels);
  }

  /**
   * Alertmanager's alert list filtered to one group, e.g. {@code
   * http://am/#/alerts?filter=%7Balertname%3D%22X%22%7D}.
   */
  static String groupUrl(String externalUrl, Map<String, String> groupLabels) {
    return page(externalUrl, "alerts", groupLabels);
  }

  private static String page(String externalUrl, String page, Map<String, String> labels) {
    String base =
        externalUrl.endsWith("/")
            ? externalUrl.substring(0, externalUrl.length() - 1)
            : externalUrl;
    String filter =
        new TreeMap<>(labels)
            .entrySet().stream()
                .map(label -> label.getKey() + "=\"" + escape(label.getValue()) + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    // The UI decodes the fragment's query with decodeURIComponent, which keeps '+' literally.
    String encoded = URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    return base + "/#/" + page + "?filter=" + encoded;
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  // Only http(s) links become clickable; anything else (javascript:, empty) is dropped.
  private static boolean isWebUrl(String url) {
    if (url == null) {
      return false;
    }
    String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
    return lower.startsWith("https://") || lower.startsWith("http://");
  }
}
