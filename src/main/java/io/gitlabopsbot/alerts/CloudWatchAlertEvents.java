package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertEvent.Link;
import io.gitlabopsbot.alerts.AlertEvent.Status;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Turns a {@link CloudWatchAlarm} state change into the bot's common {@link AlertEvent}. */
public final class CloudWatchAlertEvents {

  public static final String SOURCE = "cloudwatch";

  // A tag such as "severity=warning" or "Severity: info" anywhere in the alarm description.
  private static final Pattern SEVERITY_TAG =
      Pattern.compile("(?i)\\bseverity\\s*[=:]\\s*([a-z]+)");

  private CloudWatchAlertEvents() {}

  /**
   * Maps one alarm state change. {@code ALARM} fires (severity {@code critical} unless the alarm
   * description carries a {@code severity=…} tag), {@code OK} resolves. {@code INSUFFICIENT_DATA}
   * fires with severity {@code warning}: it proves no threshold was crossed, but a metric that
   * stopped reporting is often the first sign of what this intake exists for (nodes, agents or the
   * whole cluster gone), so it must be seen, just not page like a real breach.
   */
  public static AlertEvent from(CloudWatchAlarm alarm) {
    Instant changedAt =
        alarm
            .stateChangedAt()
            .orElseThrow(() -> new IllegalArgumentException("alarm has no StateChangeTime"));
    boolean resolved = CloudWatchAlarm.OK.equals(alarm.newStateValue());
    String threadKey = threadKey(alarm);
    return new AlertEvent(
        SOURCE,
        threadKey,
        resolved ? Status.RESOLVED : Status.FIRING,
        severity(alarm),
        alarm.alarmName(),
        orEmpty(alarm.newStateReason()),
        description(alarm),
        labels(alarm),
        links(alarm),
        changedAt,
        resolved ? changedAt : null,
        dedupeKey(threadKey, alarm.newStateValue(), changedAt));
  }

  /** The alarm ARN, or account, region and name when an older message lacks the ARN. */
  static String threadKey(CloudWatchAlarm alarm) {
    if (alarm.alarmArn() != null && !alarm.alarmArn().isBlank()) {
      return alarm.alarmArn();
    }
    return String.join(":", orEmpty(alarm.accountId()), orEmpty(alarm.region()), alarm.alarmName());
  }

  static String severity(CloudWatchAlarm alarm) {
    if (CloudWatchAlarm.INSUFFICIENT_DATA.equals(alarm.newStateValue())) {
      return "warning";
    }
    if (alarm.alarmDescription() != null) {
      Matcher tag = SEVERITY_TAG.matcher(alarm.alarmDescription());
      if (tag.find()) {
        return tag.group(1).toLowerCase(Locale.ROOT);
      }
    }
    return "critical";
  }

  private static String description(CloudWatchAlarm alarm) {
    List<String> lines = new ArrayList<>();
    if (alarm.alarmDescription() != null && !alarm.alarmDescription().isBlank()) {
      lines.add(alarm.alarmDescription());
    }
    lines.add(
        "State "
            + Optional.ofNullable(alarm.oldStateValue()).orElse("?")
            + " → "
            + alarm.newStateValue());
    CloudWatchAlarm.Trigger t = alarm.trigger();
    if (t != null && t.metricName() != null) {
      String dimensions =
          t.dimensions().stream()
              .map(d -> d.name() + "=" + d.value())
              .collect(Collectors.joining(", "));
      lines.add(
          "Condition: "
              + t.namespace()
              + " "
              + t.metricName()
              + (t.statistic() == null ? "" : " " + t.statistic())
              + (t.period() == null ? "" : " over " + t.period() + " s")
              + (t.comparisonOperator() == null ? "" : " " + t.comparisonOperator())
              + (t.threshold() == null ? "" : " " + t.threshold())
              + (dimensions.isEmpty() ? "" : " [" + dimensions + "]"));
    }
    return String.join("\n", lines);
  }

  private static Map<String, String> labels(CloudWatchAlarm alarm) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("alarm", alarm.alarmName());
    alarm
        .regionCode()
        .or(() -> Optional.ofNullable(alarm.region()))
        .ifPresent(r -> labels.put("region", r));
    if (alarm.accountId() != null) {
      labels.put("account", alarm.accountId());
    }
    if (alarm.trigger() != null) {
      putIfPresent(labels, "namespace", alarm.trigger().namespace());
      putIfPresent(labels, "metric", alarm.trigger().metricName());
    }
    return labels;
  }

  private static List<Link> links(CloudWatchAlarm alarm) {
    Optional<String> region = alarm.regionCode();
    if (region.isEmpty()) {
      return List.of();
    }
    String consoleHost =
        alarm.partition().filter("aws-cn"::equals).isPresent()
            ? region.get() + ".console.amazonaws.cn"
            : region.get() + ".console.aws.amazon.com";
    // The console reads the alarm name from the fragment; it expects %20, not '+', for spaces.
    String name = URLEncoder.encode(alarm.alarmName(), StandardCharsets.UTF_8).replace("+", "%20");
    String url =
        "https://"
            + consoleHost
            + "/cloudwatch/home?region="
            + region.get()
            + "#alarmsV2:alarm/"
            + name;
    return List.of(new Link("CloudWatch console", url));
  }

  /** Same for every delivery of one alarm transition, whatever SNS message carried it. */
  static String dedupeKey(String threadKey, String newState, Instant changedAt) {
    String transition = threadKey + "\n" + newState + "\n" + changedAt;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(transition.getBytes(StandardCharsets.UTF_8));
      return SOURCE + ":" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static void putIfPresent(Map<String, String> labels, String key, String value) {
    if (value != null && !value.isBlank()) {
      labels.put(key, value);
    }
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
