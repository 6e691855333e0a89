package io.gitlabopsbot.approval;

import java.util.Objects;
import java.util.Optional;

/** What became of an attempt to approve or reject a request. */
public sealed interface ApprovalDecision {

  /** The request is approved; the executor may now {@link Approvals#consume} it once. */
  record Approved(ApprovalRequest request) implements ApprovalDecision {}

  /** The request is rejected; it can never run. */
  record Rejected(ApprovalRequest request, String by) implements ApprovalDecision {}

  /**
   * Nothing was decided.
   *
   * @param message a sentence for the person who clicked: what is wrong and what to do next
   * @param request the request as it is now, when it is known (to update its message in place)
   */
  record Refused(Reason reason, String message, Optional<ApprovalRequest> request)
      implements ApprovalDecision {
    public Refused {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(request, "request");
    }
  }

  /** Why a decision was refused. */
  enum Reason {
    UNKNOWN_ID,
    EXPIRED,
    ALREADY_DECIDED,
    OWN_REQUEST,
    NOT_APPROVER,
    HASH_MISMATCH,
    /** The value the approver had to type was not the operation's. */
    TYPED_MISMATCH
  }
}
