package io.gitlabopsbot.approval;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import java.time.Clock;

/** Writes one audit row per approval step, under command {@code approval}. */
final class ApprovalAudit {

  static final String COMMAND = "approval";

  private final AuditLog audit;
  private final Clock clock;

  ApprovalAudit(AuditLog audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** A step taken by a person (a click) on a known or unknown request. */
  void byCaller(Caller caller, String id, ApprovalRequest request, String decision, String detail) {
    audit.record(
        new AuditEntry(
            clock.instant(),
            correlationId(request),
            caller.source(),
            caller.teamId(),
            caller.channelId(),
            caller.userId(),
            COMMAND,
            arguments(id, request),
            decision,
            decision,
            detail));
  }

  /** A step taken by the bot itself: creation, expiry, execution. */
  void byBot(ApprovalRequest request, String decision, String detail) {
    audit.record(
        new AuditEntry(
            clock.instant(),
            correlationId(request),
            "bot",
            null,
            null,
            request.subject().requesterId(),
            COMMAND,
            arguments(request.id(), request),
            decision,
            decision,
            detail));
  }

  private static String arguments(String id, ApprovalRequest request) {
    // An unknown ID is whatever a client sent: kept short so it cannot flood the log.
    String shownId = id == null ? "-" : id.length() > 64 ? id.substring(0, 64) + "…" : id;
    return request == null ? shownId : shownId + " " + request.subject().kind();
  }

  private static String correlationId(ApprovalRequest request) {
    // A suffix keeps these rows apart from the requesting command's own row, which
    // AuditLog.complete finds by correlation ID.
    if (request == null || request.subject().correlationId() == null) {
      return null;
    }
    return request.subject().correlationId() + "/approval";
  }
}
