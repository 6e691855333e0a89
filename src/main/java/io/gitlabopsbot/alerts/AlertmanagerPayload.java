package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The body of an Alertmanager webhook notification (version 4), bound leniently: unknown fields are
 * ignored and every field may be missing, because Alertmanager never retries a 4xx answer. Times
 * stay text here and are parsed by {@link AlertmanagerEvents}, so a bad one gets a precise error.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerPayload(
    String version,
    String receiver,
    String status,
    List<Alert> alerts,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    String externalURL,
    String groupKey,
    Integer truncatedAlerts) {

  /** One alert of the notification. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Alert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      String startsAt,
      String endsAt,
      String generatorURL,
      String fingerprint) {}
}
