package io.gitlabopsbot.alerts;

/** Meter names of the alert intake, in Micrometer's dotted form (see {@code MetricNames}). */
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

  private AlertMetrics() {}
}
