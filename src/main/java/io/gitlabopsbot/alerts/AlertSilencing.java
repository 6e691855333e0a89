package io.gitlabopsbot.alerts;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.alerts.AlertClickResult.Shown;
import io.gitlabopsbot.alerts.AlertClickResult.TellClicker;
import io.gitlabopsbot.alerts.Silences.SilencesUnavailableException;
import io.gitlabopsbot.message.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Silence buttons: a silence of the thread's group, then a reply in the thread about it. */
final class AlertSilencing {

  private static final Logger log = LoggerFactory.getLogger(AlertSilencing.class);
  private static final Duration LOOKUP = Duration.ofSeconds(2);
  // A silence ending this little before the asked end still counts as covering it.
  private static final Duration SLACK = Duration.ofMinutes(5);

  private final Silences silences;
  private final Notifier notifier;
  private final AlertActionAudit audit;
  private final Clock clock;

  AlertSilencing(Silences silences, Notifier notifier, AlertActionAudit audit, Clock clock) {
    this.silences = silences;
    this.notifier = notifier;
    this.audit = audit;
    this.clock = clock;
  }

  AlertClickResult silence(
      AlertGroups.Thread thread, Duration length, Caller clicker, String value) {
    String action = "silence " + AlertMessageText.duration(length);
    AlertEvent event = thread.parentEvent();
    Map<String, String> matchers = event.groupLabels();
    if (!AlertmanagerEvents.SOURCE.equals(event.source()) || matchers.isEmpty()) {
      audit.record(clicker, action, value, "allowed", "refused", "group cannot be silenced");
      return new TellClicker(
          "This alert did not come from Alertmanager with group labels, so the bot cannot"
              + " silence it; nothing was done.");
    }
    Instant now = clock.instant();
    Instant endsAt = now.plus(length);
    String who = AlertMessageText.line(clicker.userName(), 80);
    String createdBy = (who.isEmpty() ? "" : who + " ") + "(" + clicker.userId() + ") via Slack";
    String comment =
        "Silenced for "
            + AlertMessageText.duration(length)
            + " from Slack by "
            + createdBy.replace(" via Slack", "")
            + " with gitlab-ops-bot: alert "
            + AlertMessageText.line(event.title(), 120)
            + ", message "
            + thread.parent().channel()
            + "/"
            + thread.parent().ts();
    Optional<Silences.Silence> covering = covering(matchers, endsAt);
    if (covering.isPresent()) {
      Silences.Silence existing = covering.get();
      audit.record(
          clicker, action, value, "allowed", "refused", "already silenced by " + existing.id());
      return new TellClicker(
          ":mute: Already silenced until "
              + AlertActionMessages.when(existing.endsAt())
              + " by "
              + AlertMessageText.mrkdwn(existing.createdBy(), 120)
              + " (silence `"
              + AlertMessageText.escape(existing.id())
              + "`); no second silence was made.");
    }
    String id;
    try {
      id = silences.create(new Silences.NewSilence(matchers, now, endsAt, createdBy, comment));
    } catch (SilencesUnavailableException e) {
      log.warn("Silence requested by {} not created: {}", clicker.userId(), e.getMessage());
      audit.record(clicker, action, value, "allowed", "failed", e.getMessage());
      return new TellClicker(
          ":x: Nothing was silenced. "
              + AlertMessageText.mrkdwn(e.getMessage(), 600)
              + " The alert's Silence link opens Alertmanager directly.");
    }
    audit.record(
        clicker, action, value, "allowed", "succeeded", "silence " + id + " until " + endsAt);
    try {
      notifier.reply(
          thread.parent(),
          AlertActionMessages.silenced(id, length, endsAt, clicker.userId(), matchers));
    } catch (RuntimeException e) {
      log.warn("Silence {} created, but the thread reply failed: {}", id, e.getMessage());
      return new TellClicker(
          ":mute: Silenced until "
              + AlertActionMessages.when(endsAt)
              + " (silence `"
              + AlertMessageText.escape(id)
              + "`), but the note in the thread could not be posted.");
    }
    return new Shown();
  }

  /**
   * An active silence with exactly these matchers that lasts at least as long as the one asked for
   * (a double click, or a second person pressing the same button), so no duplicate is made. When
   * the silences cannot be read, a new one is made rather than none.
   */
  private Optional<Silences.Silence> covering(Map<String, String> matchers, Instant endsAt) {
    try {
      return silences.active(LOOKUP).stream()
          .filter(s -> !s.endsAt().isBefore(endsAt.minus(SLACK)))
          .filter(s -> sameMatchers(s, matchers))
          .findFirst();
    } catch (SilencesUnavailableException e) {
      return Optional.empty();
    }
  }

  private static boolean sameMatchers(Silences.Silence silence, Map<String, String> matchers) {
    return silence.matchers().size() == matchers.size()
        && silence.matchers().stream()
            .allMatch(m -> m.equal() && !m.regex() && m.value().equals(matchers.get(m.name())));
  }
}
