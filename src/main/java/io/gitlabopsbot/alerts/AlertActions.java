package io.gitlabopsbot.alerts;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.Decision;
import io.gitlabopsbot.alerts.AlertClickResult.Shown;
import io.gitlabopsbot.alerts.AlertClickResult.TellClicker;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the Acknowledge and Silence buttons of an alert thread, independent of the Slack SDK: the
 * listener passes the action ID, the button value and who clicked. Acknowledging needs the viewer
 * role (it records a name and changes nothing outside Slack); silencing needs operator (it stops
 * notifications). Every click is audited; a refused one changes nothing and is told only to the
 * person who clicked.
 */
public final class AlertActions {

  static final Role ACK_ROLE = Role.VIEWER;
  static final Role SILENCE_ROLE = Role.OPERATOR;

  private static final Logger log = LoggerFactory.getLogger(AlertActions.class);

  private final AlertGroups groups;
  private final AccessPolicy access;
  private final AlertActionAudit audit;
  private final Notifier notifier;
  private final ParentButtons buttons;
  private final Clock clock;
  private final AlertSilencing silencing;
  private final AlertMessages messages = new AlertMessages();

  /**
   * @param silences where silences are created; null when none is configured
   */
  public AlertActions(
      AlertGroups groups,
      Silences silences,
      AccessPolicy access,
      io.gitlabopsbot.access.AuditLog audit,
      Notifier notifier,
      Clock clock) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.access = Objects.requireNonNull(access, "access");
    this.audit = new AlertActionAudit(audit, clock);
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.buttons = silences == null ? ParentButtons.ACK : ParentButtons.ACK_AND_SILENCE;
    this.silencing =
        silences == null ? null : new AlertSilencing(silences, notifier, this.audit, clock);
  }

  public AlertClickResult onClick(String actionId, String value, Caller clicker) {
    if (!AlertButtons.handles(actionId)) {
      return new TellClicker("This button is not an alert button; nothing was done.");
    }
    Optional<Duration> silence = AlertButtons.silence(actionId);
    String action =
        silence.isPresent() ? "silence " + AlertMessageText.duration(silence.get()) : "ack";
    try {
      Decision decision = access.check(clicker, silence.isPresent() ? SILENCE_ROLE : ACK_ROLE);
      if (decision instanceof Decision.Denied denied) {
        audit.record(clicker, action, value, "denied", "refused", null);
        return new TellClicker(":no_entry: " + denied.reason() + " Nothing was done.");
      }
      Optional<AlertGroups.Thread> thread =
          AlertActionIds.wellFormed(value) ? groups.find(value) : Optional.empty();
      if (thread.isEmpty() || thread.get().parentEvent() == null) {
        audit.record(clicker, action, value, "invalid", "refused", "unknown alert thread");
        return new TellClicker(
            "The bot does not know the alert behind this button (any more); nothing was done.");
      }
      if (silence.isEmpty()) {
        return acknowledge(thread.get(), clicker, value);
      }
      if (silencing == null) {
        audit.record(clicker, action, value, "allowed", "refused", "no alerts.alertmanager.url");
        return new TellClicker(
            "Silences are not set up for this bot (`alerts.alertmanager.url`); nothing was"
                + " silenced. Use the Silence link of the alert instead.");
      }
      return silencing.silence(thread.get(), silence.get(), clicker, value);
    } catch (StoreException e) {
      log.warn(
          "Alert button click by {} could not be handled: {}", clicker.userId(), e.getMessage());
      return new TellClicker(
          "The bot could not reach its store, so nothing was done. Try again in a minute.");
    }
  }

  private AlertClickResult acknowledge(AlertGroups.Thread thread, Caller clicker, String value) {
    Acknowledgement ack =
        new Acknowledgement(clicker.userId(), clicker.userName(), clock.instant());
    if (!groups.acknowledge(value, ack)) {
      AlertGroups.Thread now = groups.find(value).orElse(thread);
      if (now.acknowledgement() != null) {
        audit.record(clicker, "ack", value, "allowed", "refused", "already acknowledged");
        return new TellClicker(
            "Already "
                + AlertActionMessages.acknowledged(now.acknowledgement()).replace(":eyes: ", "")
                + "; nothing changed.");
      }
      audit.record(clicker, "ack", value, "allowed", "refused", "thread no longer open");
      return new TellClicker(
          "This alert group is no longer firing in this thread; nothing was acknowledged.");
    }
    audit.record(clicker, "ack", value, "allowed", "succeeded", null);
    AlertEvent event = thread.parentEvent();
    AlertMessages.ParentControls controls =
        new AlertMessages.ParentControls(value, buttons.silences(event), ack);
    try {
      notifier.update(
          thread.parent(),
          groups.parentMessage(value, controls).orElseGet(() -> messages.parent(event, controls)));
    } catch (RuntimeException e) {
      log.warn("Acknowledged alert thread, but the parent was not updated: {}", e.getMessage());
      return new TellClicker(
          "Acknowledged and recorded, but the Slack message could not be updated ("
              + AlertMessageText.mrkdwn(e.getMessage(), 300)
              + "); it will show on the alert's next update.");
    }
    return new Shown();
  }
}
