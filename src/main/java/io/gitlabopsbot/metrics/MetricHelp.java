package io.gitlabopsbot.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;

/**
 * The HELP text of each of the bot's meters that is registered without a description (counters made
 * on the fly with {@code registry.counter(name, tags)}), in one table so {@code /metrics} explains
 * every series. Install it on the registry before any meter is registered.
 */
public final class MetricHelp implements MeterFilter {

  static final Map<String, String> HELP =
      Map.ofEntries(
          Map.entry(MetricNames.COMMANDS, "Commands run, by command and result."),
          Map.entry(MetricNames.COMMAND_DURATION, "How long a command's work took, by command."),
          Map.entry(MetricNames.SLACK_API, "Slack Web API calls, by method and outcome."),
          Map.entry(MetricNames.SLACK_API_RETRIES, "Slack Web API calls retried after a 429."),
          Map.entry(
              MetricNames.SLACK_REQUESTS_REJECTED,
              "Inbound Slack requests refused, by reason (signature, stale, replay, ...)."),
          Map.entry(MetricNames.WORK_QUEUE_DEPTH, "Tasks waiting for the background executor."),
          Map.entry(MetricNames.WORK_ACTIVE, "Tasks running on the background executor."),
          Map.entry(
              "gitlabopsbot.http.requests", "HTTP requests served, by listener, route and status."),
          Map.entry(
              "gitlabopsbot.http.connections", "Open connections of each HTTP listener (capped)."),
          Map.entry("gitlabopsbot.alerts.received", "Alerts accepted from a webhook, by source."),
          Map.entry(
              "gitlabopsbot.alerts.duplicate",
              "Alerts dropped as duplicates (repeats, HA Alertmanager pairs), by source."),
          Map.entry("gitlabopsbot.alerts.muted", "Alerts stored but not posted (muted), by mute."),
          Map.entry("gitlabopsbot.alerts.rejected", "Alert webhook requests refused, by reason."),
          Map.entry("gitlabopsbot.alerts.delivered", "Alerts posted to Slack, by kind."),
          Map.entry("gitlabopsbot.alerts.batched", "Alerts posted inside a burst summary."),
          Map.entry(
              "gitlabopsbot.alerts.delivery.failed", "Alerts whose Slack post failed, by reason."),
          Map.entry("gitlabopsbot.sns.requests.rejected", "SNS requests refused, by reason."));

  @Override
  public Meter.Id map(Meter.Id id) {
    String help = HELP.get(id.getName());
    if (id.getDescription() != null || help == null) {
      return id;
    }
    return new Meter.Id(
        id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), help, id.getType());
  }
}
