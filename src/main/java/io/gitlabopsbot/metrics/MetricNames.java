package io.gitlabopsbot.metrics;

/**
 * Meter names, in Micrometer's dotted form. Prometheus sees them with underscores and unit
 * suffixes, e.g. {@code gitlabopsbot_commands_total}; the Grafana dashboard in {@code manifests/}
 * queries those names.
 */
public final class MetricNames {

  /** Counter, tags {@code command}, {@code result} (ok, refused, failed, denied, invalid). */
  public static final String COMMANDS = "gitlabopsbot.commands";

  /** Timer, tag {@code command}: how long a command's work took. */
  public static final String COMMAND_DURATION = "gitlabopsbot.command.duration";

  /**
   * Timer, tags {@code method} (e.g. chat.postMessage), {@code outcome} (ok, error, ratelimited).
   */
  public static final String SLACK_API = "gitlabopsbot.slack.api";

  /** Counter, tag {@code method}: calls retried after a 429 Retry-After. */
  public static final String SLACK_API_RETRIES = "gitlabopsbot.slack.api.retries";

  /** Counter, tag {@code reason}: inbound Slack requests refused (signature, stale, replay…). */
  public static final String SLACK_REQUESTS_REJECTED = "gitlabopsbot.slack.requests.rejected";

  /** Gauge: tasks waiting for the background work executor. */
  public static final String WORK_QUEUE_DEPTH = "gitlabopsbot.work.queue.depth";

  /** Gauge: tasks running on the background work executor. */
  public static final String WORK_ACTIVE = "gitlabopsbot.work.active";

  private MetricNames() {}
}
