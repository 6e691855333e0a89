package io.gitlabopsbot.access;

import java.util.List;
import java.util.Objects;

/**
 * Masks secrets in every text of an audit entry before another audit log stores it, whichever
 * capability wrote the entry (arguments, outcome, detail).
 */
public final class RedactingAuditLog implements AuditLog {

  private final AuditLog delegate;
  private final Redactor redactor;

  public RedactingAuditLog(AuditLog delegate, Redactor redactor) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  @Override
  public void record(AuditEntry e) {
    delegate.record(
        new AuditEntry(
            e.at(),
            e.correlationId(),
            e.source(),
            e.teamId(),
            e.channelId(),
            e.userId(),
            e.command(),
            redactor.redact(e.arguments()),
            e.decision(),
            redactor.redact(e.outcome()),
            redactor.redact(e.detail())));
  }

  @Override
  public void complete(String correlationId, String outcome, String detail) {
    delegate.complete(correlationId, redactor.redact(outcome), redactor.redact(detail));
  }

  @Override
  public List<AuditEntry> recent(int limit) {
    return delegate.recent(limit);
  }
}
