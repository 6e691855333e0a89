package io.gitlabopsbot.approval;

import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts approval requests to a channel and keeps their messages current when they expire, so a
 * capability asks for approval in one call and a scheduler sweeps expiries with another.
 */
public final class ApprovalNotices {

  private static final Logger log = LoggerFactory.getLogger(ApprovalNotices.class);

  private final Approvals approvals;
  private final ApprovalMessages messages;
  private final Notifier notifier;

  public ApprovalNotices(Approvals approvals, ApprovalMessages messages, Notifier notifier) {
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
  }

  /** Stores a request, posts its message to {@code channel}, and records where it was posted. */
  public ApprovalRequest ask(ApprovalSubject subject, Duration ttl, String channel) {
    ApprovalRequest request = approvals.request(subject, ttl);
    MessageRef ref = notifier.post(channel, messages.request(request));
    approvals.attachMessage(request.id(), ref.channel(), ref.ts());
    return approvals.find(request.id()).orElse(request);
  }

  /**
   * Expires overdue requests and says so in their messages; returns how many expired. Meant to run
   * every minute or so on every replica: each expiry is reported by exactly one of them.
   */
  public int sweepExpired() {
    List<ApprovalRequest> expired = approvals.expireDue();
    for (ApprovalRequest request : expired) {
      if (!request.hasMessage()) {
        continue;
      }
      try {
        notifier.update(
            new MessageRef(request.messageChannel(), request.messageTs()),
            messages.forStatus(request));
      } catch (RuntimeException e) {
        // The request is expired in the store either way; a stale message still refuses clicks.
        log.warn(
            "Could not mark approval message {} in {} as expired",
            request.messageTs(),
            request.messageChannel(),
            e);
      }
    }
    return expired.size();
  }
}
