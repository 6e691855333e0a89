package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertMessageText.emoji;
import static io.gitlabopsbot.alerts.AlertMessageText.mrkdwn;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code /gitlab alerts}: the alert groups firing now (from the bot's store) and the silences in
 * force (from Alertmanager, when configured). Answers within Slack's 3 s, so Alertmanager gets a
 * short deadline and the listing says when it could not be asked.
 */
public final class AlertsListHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "alerts",
          List.of(),
          List.of(),
          "Alert groups firing now and the active Alertmanager silences",
          Role.VIEWER,
          false);

  static final int MAX_SHOWN = 20;
  static final Duration SILENCES_WITHIN = Duration.ofMillis(1500);

  private final AlertGroups groups;
  private final Silences silences;

  /**
   * @param silences null when no Alertmanager API is configured
   */
  public AlertsListHandler(AlertGroups groups, Silences silences) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.silences = silences;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    AlertGroups.Firing firing = groups.firing(MAX_SHOWN);
    String summary =
        firing.total() == 0
            ? "No alert group is firing"
            : firing.total() + (firing.total() == 1 ? " alert group" : " alert groups") + " firing";
    Message.Builder message = Message.builder(summary).header("Alerts");
    if (firing.newest().isEmpty()) {
      message.section(":white_check_mark: No alert group is firing, as far as the bot has seen.");
    } else {
      String lines =
          firing.newest().stream().map(AlertsListHandler::line).collect(Collectors.joining("\n"));
      String more =
          firing.total() > firing.newest().size()
              ? "\n… and " + (firing.total() - firing.newest().size()) + " more"
              : "";
      message.section("*" + summary + "* (newest first)\n" + lines + more);
    }
    message.section(silences());
    return CommandResult.ok(message.build());
  }

  private String silences() {
    if (silences == null) {
      return "*Silences:* not shown: `alerts.alertmanager.url` is not set.";
    }
    List<Silences.Silence> active;
    try {
      active = silences.active(SILENCES_WITHIN);
    } catch (Silences.SilencesUnavailableException e) {
      return ":warning: *Silences could not be read.* " + mrkdwn(e.getMessage(), 500);
    }
    if (active.isEmpty()) {
      return "*Silences:* none active in Alertmanager.";
    }
    String lines =
        active.stream()
            .limit(MAX_SHOWN)
            .map(AlertsListHandler::line)
            .collect(Collectors.joining("\n"));
    String more =
        active.size() > MAX_SHOWN ? "\n… and " + (active.size() - MAX_SHOWN) + " more" : "";
    return "*Active silences (" + active.size() + ")*\n" + lines + more;
  }

  private static String line(AlertGroups.Thread thread) {
    AlertEvent event = thread.parentEvent();
    String what =
        event == null
            ? "⚪ *" + mrkdwn(AlertMessageText.line(thread.threadKey(), 80), 100) + "*"
            : emoji(event.severity())
                + " *"
                + mrkdwn(AlertMessages.title(event), 150)
                + "* ("
                + mrkdwn(AlertMessages.severity(event), 40)
                + ")";
    String ack =
        thread.acknowledgement() == null
            ? ""
            : " · acknowledged by " + AlertActionMessages.user(thread.acknowledgement().userId());
    return what
        + " · since "
        + AlertActionMessages.when(thread.firstSeen())
        + " · <#"
        + thread.channel()
        + ">"
        + ack;
  }

  private static String line(Silences.Silence silence) {
    String matchers =
        silence.matchers().stream()
            .map(Silences.SilenceMatcher::text)
            .collect(Collectors.joining(", "));
    String until =
        silence.endsAt() == null ? "" : " · until " + AlertActionMessages.when(silence.endsAt());
    return "`"
        + mrkdwn(AlertMessageText.line(silence.id(), 40).replace("`", "'"), 60)
        + "` `"
        + mrkdwn(AlertMessageText.line(matchers, 300).replace("`", "'"), 400)
        + "`"
        + until
        + " · by "
        + mrkdwn(AlertMessageText.line(silence.createdBy(), 80), 120)
        + (silence.comment().isBlank()
            ? ""
            : " — " + mrkdwn(AlertMessageText.line(silence.comment(), 120), 160));
  }
}
