package io.gitlabopsbot.access;

import java.util.List;

/** Durable record of every command attempt. */
public interface AuditLog {

  /** Appends an entry; the correlation ID identifies it for {@link #complete}. */
  void record(AuditEntry entry);

  /** Sets the final outcome of the entry with this correlation ID (long-running work). */
  void complete(String correlationId, String outcome, String detail);

  /** The newest {@code limit} entries, newest first. */
  List<AuditEntry> recent(int limit);
}
