package io.gitlabopsbot.alerts;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import java.time.Clock;

/** Writes one audit row per alert button click, under command {@code alert ack|silence}. */
final class AlertActionAudit {

  private final AuditLog audit;
  private final Clock clock;

  AlertActionAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param action {@code ack} or {@code silence 4h}
   * @param value the button value as clicked (untrusted, shortened here)
   * @param decision {@code allowed}, {@code denied} or {@code invalid}
   * @param outcome {@code succeeded}, {@code failed} or {@code refused}
   */
  void record(
      Caller clicker, String action, String value, String decision, String outcome, String detail) {
    String[] words = action.split(" ", 2);
    String shown = value == null ? "-" : value.length() > 40 ? value.substring(0, 40) + "…" : value;
    audit.record(
        new AuditEntry(
            clock.instant(),
            null,
            clicker.source(),
            clicker.teamId(),
            clicker.channelId(),
            clicker.userId(),
            "alert " + words[0],
            words.length > 1 ? shown + " " + words[1] : shown,
            decision,
            outcome,
            detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000) + "…"));
  }
}
