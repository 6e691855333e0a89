package io.gitlabopsbot.alerts;

/** Which buttons the delivery worker puts on the parent of a new alert thread. */
public enum ParentButtons {
  /** None (burst summaries never get any: they stand for many groups). */
  NONE,
  /** Acknowledge only: no silence API is configured. */
  ACK,
  /** Acknowledge, and Silence on groups that can be silenced (Alertmanager, with group labels). */
  ACK_AND_SILENCE;

  /** Whether a parent showing {@code event} offers the Silence buttons. */
  boolean silences(AlertEvent event) {
    return this == ACK_AND_SILENCE
        && AlertmanagerEvents.SOURCE.equals(event.source())
        && !event.groupLabels().isEmpty();
  }
}
