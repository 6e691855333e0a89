package io.gitlabopsbot.alerts;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code /gitlab alerts test [channel]}: a clearly labelled sample alert put into the inbox, so it
 * takes the normal delivery path (pacing, threading, Slack). It fires and resolves at once, so it
 * never lingers among the firing groups; without a channel it follows the configured routes.
 */
public final class AlertsTestHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "alerts test",
          List.of(
              new CommandSpec.ArgumentSpec(
                  "channel", false, "[CGD][A-Z0-9]{6,20}", "a Slack channel ID such as C0123ABCD")),
          List.of(),
          "Send a sample alert (firing, then resolved) through the normal delivery path",
          Role.OPERATOR,
          false);

  /** The {@link AlertEvent#source()} of sample alerts; they never get Silence buttons. */
  public static final String SOURCE = "bot-test";

  static final String TITLE = "TEST ALERT from gitlab-ops-bot (not a real problem)";

  private final JdbcAlertInbox inbox;
  private final Clock clock;

  /**
   * @param inbox null when alert delivery is off (no channel configured)
   */
  public AlertsTestHandler(JdbcAlertInbox inbox, Clock clock) {
    this.inbox = inbox;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    if (inbox == null) {
      return CommandResult.refused(
          ":x: Alert delivery is off: set `alerts.defaultChannel` or `alerts.routes` first.");
    }
    List<String> arguments = invocation.command().arguments();
    String channel = arguments.isEmpty() ? null : arguments.get(0);
    List<AlertEvent> events = sample(invocation);
    String where;
    if (channel != null) {
      inbox.acceptTo(channel, events);
      where = "<#" + channel + ">";
    } else {
      Routing routing = inbox.route(events.get(0));
      if (routing instanceof Routing.Muted muted) {
        return CommandResult.refused(
            ":mute: A sample alert would be muted by rule `"
                + AlertMessageText.mrkdwn(muted.name(), 80).replace("`", "'")
                + "`; nothing was sent. Name a channel: `alerts test C0123ABCD`.");
      }
      inbox.accept(events);
      where =
          ((Routing.Deliver) routing)
              .channels().stream().map(c -> "<#" + c + ">").collect(Collectors.joining(", "));
    }
    return CommandResult.ok(
        Message.of(
            ":test_tube: Sample alert queued for "
                + where
                + ": it is posted as firing, then resolved in place within a few seconds. If nothing"
                + " arrives, invite the bot to the channel and check the bot's log (reference `"
                + invocation.correlationId()
                + "`)."));
  }

  private List<AlertEvent> sample(Invocation invocation) {
    Instant now = clock.instant();
    String thread = SOURCE + ":" + invocation.correlationId();
    Map<String, String> labels = Map.of("alertname", "GitlabOpsBotTest", "severity", "info");
    // Alert text is escaped when shown, so the sender is named by ID rather than mentioned.
    String summary = "Sent with `alerts test` by Slack user " + invocation.caller().userId();
    return List.of(
        event(thread, AlertEvent.Status.FIRING, labels, summary, now, null),
        event(thread, AlertEvent.Status.RESOLVED, labels, summary, now, now));
  }

  private static AlertEvent event(
      String thread,
      AlertEvent.Status status,
      Map<String, String> labels,
      String summary,
      Instant startsAt,
      Instant endsAt) {
    return new AlertEvent(
        SOURCE,
        thread,
        status,
        "info",
        TITLE,
        summary,
        "This checks the path from the bot's inbox to Slack; it needs no action.",
        labels,
        List.of(),
        startsAt,
        endsAt,
        DedupeKeys.of(SOURCE, thread, status.name()));
  }
}
