package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Texts about what people did with an alert: acknowledged it, silenced it. */
final class AlertActionMessages {

  private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,30}");
  private static final DateTimeFormatter FALLBACK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private AlertActionMessages() {}

  /** The line a parent shows once someone took the group. */
  static String acknowledged(Acknowledgement ack) {
    return ":eyes: *Acknowledged* by " + user(ack.userId()) + " at " + when(ack.at());
  }

  /** The reply in the thread once a silence was created. */
  static Message silenced(
      String silenceId, Duration length, Instant endsAt, String userId, Map<String, String> on) {
    String matchers =
        new TreeMap<>(on)
            .entrySet().stream()
                .map(m -> m.getKey() + "=\"" + m.getValue() + "\"")
                .collect(Collectors.joining(", "));
    String text = "Silenced for " + AlertMessageText.duration(length);
    return Message.builder(text + " (silence " + silenceId + ")")
        .section(
            ":mute: *"
                + text
                + "* by "
                + user(userId)
                + ", until "
                + when(endsAt)
                + ". Silence `"
                + AlertMessageText.escape(silenceId.replace("`", "'"))
                + "` matches `"
                + AlertMessageText.escape(AlertMessageText.plain(matchers, 500).replace("`", "'"))
                + "`.")
        .context("Expire it early in Alertmanager if the problem is fixed sooner.")
        .build();
  }

  /** A mention for a real Slack user ID; anything else is quoted so it cannot ping anyone. */
  static String user(String userId) {
    if (userId != null && SLACK_USER.matcher(userId).matches()) {
      return "<@" + userId + ">";
    }
    return "`" + AlertMessageText.escape(String.valueOf(userId).replace("`", "'")) + "`";
  }

  /** Slack shows the time in each reader's time zone; the fallback is UTC. */
  static String when(Instant at) {
    return "<!date^"
        + at.getEpochSecond()
        + "^{date_short_pretty} at {time}|"
        + FALLBACK.format(at)
        + ">";
  }
}
