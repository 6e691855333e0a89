package io.gitlabopsbot.cluster;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * How the scheduled end-of-support check runs.
 *
 * @param thresholds days before the end of standard support at which to warn, once each
 * @param cron when the check runs (standard 5-field cron or Quartz), in {@code zone}
 * @param channel the Slack channel ID warnings go to; null posts to the notifier's default
 */
public record SupportWarningSettings(
    List<Integer> thresholds, String cron, ZoneId zone, String channel) {

  /** Daily at 09:00 UTC. */
  public static final String DEFAULT_CRON = "0 9 * * *";

  public static final List<Integer> DEFAULT_THRESHOLDS = List.of(90, 60, 30, 14, 7, 1);

  public SupportWarningSettings {
    thresholds = List.copyOf(thresholds);
    for (int t : thresholds) {
      if (t < 1) {
        throw new IllegalArgumentException(
            "support warning thresholds must be at least 1 day, got " + t);
      }
    }
    Objects.requireNonNull(cron, "cron");
    Objects.requireNonNull(zone, "zone");
  }

  /** 90/60/30/14/7/1 days, daily at 09:00 UTC, to {@code channel}. */
  public static SupportWarningSettings defaults(String channel) {
    return new SupportWarningSettings(DEFAULT_THRESHOLDS, DEFAULT_CRON, ZoneOffset.UTC, channel);
  }
}
