package io.gitlabopsbot.approval;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable approval requests, shared by all bot replicas. Every state change is a conditional update
 * on the current status, so of two replicas racing for the same change exactly one wins.
 */
public interface ApprovalStore {

  void insert(ApprovalRequest request);

  Optional<ApprovalRequest> find(String id);

  /** PENDING → {@code to} (APPROVED or REJECTED) if not yet expired at {@code now}. */
  boolean decide(String id, ApprovalStatus to, String decidedBy, Instant now);

  /** PENDING → EXPIRED if its expiry is at or before {@code now}. */
  boolean expire(String id, Instant now);

  /** PENDING requests whose expiry is at or before {@code now}, oldest first. */
  List<ApprovalRequest> pendingDue(Instant now, int limit);

  /** APPROVED → EXECUTING if the stored hash is {@code operationHash}. */
  boolean claim(String id, String operationHash);

  /** EXECUTING → COMPLETED with the outcome. */
  boolean complete(String id, String outcome, Instant now);

  /** Records where the Slack message asking for approval is, so it can be updated later. */
  boolean attachMessage(String id, String channel, String ts);
}
