package io.gitlabopsbot.approval;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.approval.ApprovalDecision.Approved;
import io.gitlabopsbot.approval.ApprovalDecision.Reason;
import io.gitlabopsbot.approval.ApprovalDecision.Refused;
import io.gitlabopsbot.approval.ApprovalDecision.Rejected;
import io.gitlabopsbot.store.StoreException;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the Approve / Reject buttons of an approval message, independent of the Slack SDK: the
 * listener passes the action ID, the button value and who clicked, and applies the result.
 */
public final class ApprovalActions {

  private static final Logger log = LoggerFactory.getLogger(ApprovalActions.class);

  private final Approvals approvals;
  private final ApprovalMessages messages;
  private final Consumer<ApprovalRequest> onApproved;

  /** Clicks only decide; whoever executes approved requests polls or is wired later. */
  public ApprovalActions(Approvals approvals, ApprovalMessages messages) {
    this(approvals, messages, request -> {});
  }

  /**
   * @param onApproved told of each request this replica approved, to hand it to its executor; it
   *     must return quickly (Slack expects the click to be answered within 3 seconds)
   */
  public ApprovalActions(
      Approvals approvals, ApprovalMessages messages, Consumer<ApprovalRequest> onApproved) {
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.onApproved = Objects.requireNonNull(onApproved, "onApproved");
  }

  /** Whether this class handles buttons with {@code actionId}. */
  public static boolean handles(String actionId) {
    return ApprovalMessages.APPROVE.equals(actionId) || ApprovalMessages.REJECT.equals(actionId);
  }

  public ClickResult onClick(String actionId, String value, Caller clicker) {
    if (!handles(actionId)) {
      return new ClickResult.TellClicker(
          "This button is not an approval button; nothing was done.");
    }
    boolean approve = ApprovalMessages.APPROVE.equals(actionId);
    ApprovalDecision decision;
    try {
      decision = approvals.decide(value, clicker, approve);
    } catch (StoreException e) {
      log.warn("Approval click by {} could not be handled", clicker.userId(), e);
      return new ClickResult.TellClicker(
          "The bot could not reach its store, so nothing was decided. Try again in a minute.");
    }
    if (decision instanceof Approved approved) {
      onApproved.accept(approved.request());
      return new ClickResult.UpdateOriginal(messages.forStatus(approved.request()));
    }
    if (decision instanceof Rejected rejected) {
      return new ClickResult.UpdateOriginal(messages.forStatus(rejected.request()));
    }
    Refused refused = (Refused) decision;
    // Expiry and a broken hash are facts about the request, so the original message says so for
    // everyone; the other refusals concern only the person who clicked.
    if (refused.reason() == Reason.EXPIRED && refused.request().isPresent()) {
      return new ClickResult.UpdateOriginal(messages.forStatus(refused.request().get()));
    }
    if (refused.reason() == Reason.HASH_MISMATCH && refused.request().isPresent()) {
      return new ClickResult.UpdateOriginal(messages.blocked(refused.request().get()));
    }
    return new ClickResult.TellClicker(refused.message());
  }
}
