package io.gitlabopsbot.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored approval request.
 *
 * @param id the opaque, random ID that Slack buttons carry
 * @param operationHash the subject's hash when it was requested
 * @param decidedBy the user who approved or rejected it, or null
 * @param decidedAt when it was approved, rejected or expired, or null
 * @param outcome what became of the operation once completed, or null
 * @param messageChannel the channel of the Slack message that asks for approval, or null
 * @param messageTs that message's timestamp, or null
 */
public record ApprovalRequest(
    String id,
    ApprovalSubject subject,
    String operationHash,
    ApprovalStatus status,
    Instant createdAt,
    Instant expiresAt,
    String decidedBy,
    Instant decidedAt,
    String outcome,
    String messageChannel,
    String messageTs) {

  public ApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(operationHash, "operationHash");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Whether the stored hash still matches the stored operation (the row was not altered). */
  public boolean intact() {
    return operationHash.equals(subject.operationHash());
  }

  /** Whether a Slack message for this request was recorded, so it can be updated in place. */
  public boolean hasMessage() {
    return messageChannel != null && messageTs != null;
  }
}
