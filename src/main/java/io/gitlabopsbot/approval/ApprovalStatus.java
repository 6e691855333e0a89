package io.gitlabopsbot.approval;

/** Where an approval request is in its life; each step is taken once, atomically in the store. */
public enum ApprovalStatus {
  /** Waiting for a second person. */
  PENDING,
  /** Approved; waiting for the executor to claim it. */
  APPROVED,
  /** Rejected by an approver; final. */
  REJECTED,
  /** Not decided before its expiry; final. */
  EXPIRED,
  /** Claimed by the executor, which is running the operation. */
  EXECUTING,
  /** The operation ended (successfully or not, see the outcome); final. */
  COMPLETED
}
