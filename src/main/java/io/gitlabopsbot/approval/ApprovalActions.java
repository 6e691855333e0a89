package io.gitlabopsbot.approval;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.approval.ApprovalDecision.Approved;
import io.gitlabopsbot.approval.ApprovalDecision.Reason;
import io.gitlabopsbot.approval.ApprovalDecision.Refused;
import io.gitlabopsbot.approval.ApprovalDecision.Rejected;
import io.gitlabopsbot.approval.ConfirmationResult.OriginalUpdate;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.StoreException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles the Approve / Reject buttons of an approval message, and the typed-confirmation dialog
 * some kinds need, independent of the Slack SDK: the listener passes what Slack sent and who acted,
 * and applies the result.
 */
public final class ApprovalActions {

  private static final Logger log = LoggerFactory.getLogger(ApprovalActions.class);
  private static final String STORE_DOWN =
      "The bot could not reach its store, so nothing was decided. Try again in a minute.";

  private final Approvals approvals;
  private final ApprovalMessages messages;
  private final Consumer<ApprovalRequest> onApproved;
  private final List<TypedConfirmation> typed;

  /** Clicks only decide; whoever executes approved requests polls or is wired later. */
  public ApprovalActions(Approvals approvals, ApprovalMessages messages) {
    this(approvals, messages, request -> {});
  }

  /** One-click approval for every kind. */
  public ApprovalActions(
      Approvals approvals, ApprovalMessages messages, Consumer<ApprovalRequest> onApproved) {
    this(approvals, messages, onApproved, List.of());
  }

  /**
   * @param onApproved told of each request this replica approved, to hand it to its executor; it
   *     must return quickly (Slack expects the click to be answered within 3 seconds)
   * @param typed the kinds whose Approve button opens a dialog to type a value instead
   */
  public ApprovalActions(
      Approvals approvals,
      ApprovalMessages messages,
      Consumer<ApprovalRequest> onApproved,
      List<TypedConfirmation> typed) {
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.onApproved = Objects.requireNonNull(onApproved, "onApproved");
    this.typed = List.copyOf(typed);
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
      Optional<ApprovalRequest> open =
          approve ? approvals.find(value).filter(approvals::awaitsDecision) : Optional.empty();
      Optional<TypedConfirmation> rule = open.flatMap(this::typedFor);
      if (rule.isPresent()) {
        // Only someone who may approve sees the dialog (and what it asks to type).
        Optional<Refused> notAllowed = approvals.refuseIfMayNotDecide(open.get(), clicker);
        if (notAllowed.isPresent()) {
          return new ClickResult.TellClicker(notAllowed.get().message());
        }
        // The dialog decides nothing; its submission is checked against every rule again.
        return new ClickResult.AskToType(messages.confirmation(open.get(), rule.get()));
      }
      decision = approvals.decide(value, clicker, approve);
    } catch (StoreException e) {
      log.warn("Approval click by {} could not be handled", clicker.userId(), e);
      return new ClickResult.TellClicker(STORE_DOWN);
    }
    if (decision instanceof Approved approved) {
      onApproved.accept(approved.request());
      return new ClickResult.UpdateOriginal(messages.forStatus(approved.request()));
    }
    if (decision instanceof Rejected rejected) {
      return new ClickResult.UpdateOriginal(messages.forStatus(rejected.request()));
    }
    Refused refused = (Refused) decision;
    return replacement(refused)
        .<ClickResult>map(ClickResult.UpdateOriginal::new)
        .orElseGet(() -> new ClickResult.TellClicker(refused.message()));
  }

  /**
   * Handles a submitted typed-confirmation dialog: approves only when {@code text} is exactly the
   * value the request's kind must be confirmed with, and every approval rule holds.
   *
   * @param id the request ID the dialog carried (untrusted: it is looked up in the store)
   * @param submitter who submitted; a dialog has no channel, so the approval message's is used
   */
  public ConfirmationResult onTypedConfirmation(String id, String text, Caller submitter) {
    Optional<TypedConfirmation> rule = Optional.empty();
    ApprovalDecision decision;
    try {
      Optional<ApprovalRequest> request = approvals.find(id);
      rule = request.flatMap(this::typedFor);
      Caller approver = submitter;
      if (request.isPresent() && request.get().messageChannel() != null) {
        // The dialog was opened from the approval message, so the approval is given in its channel.
        approver =
            new Caller(
                submitter.source(),
                submitter.teamId(),
                request.get().messageChannel(),
                submitter.userId(),
                submitter.userName());
      }
      // Without a rule nothing may be typed (the setting was turned off): refused and audited.
      decision =
          approvals.approveTyped(
              id, approver, rule.map(TypedConfirmation::parameter).orElse(null), text);
    } catch (StoreException e) {
      log.warn("Typed confirmation by {} could not be handled", submitter.userId(), e);
      return new ConfirmationResult.Refused(STORE_DOWN, Optional.empty());
    }
    if (decision instanceof Approved approved) {
      onApproved.accept(approved.request());
      return new ConfirmationResult.Confirmed(
          original(approved.request(), messages.forStatus(approved.request())));
    }
    if (decision instanceof Rejected rejected) {
      return new ConfirmationResult.Refused(
          "The request was rejected.",
          original(rejected.request(), messages.forStatus(rejected.request())));
    }
    Refused refused = (Refused) decision;
    if (refused.reason() == Reason.TYPED_MISMATCH) {
      return rule.<ConfirmationResult>map(
              r ->
                  new ConfirmationResult.WrongText(
                      "That is not the "
                          + r.label()
                          + " of this request; nothing was decided. Type it exactly as shown."))
          .orElseGet(
              () ->
                  new ConfirmationResult.Refused(
                      "This request is no longer approved by typing; nothing was decided. Use"
                          + " the Approve button on the request.",
                      Optional.empty()));
    }
    return new ConfirmationResult.Refused(
        refused.message(),
        replacement(refused).flatMap(message -> original(refused.request().get(), message)));
  }

  private Optional<TypedConfirmation> typedFor(ApprovalRequest request) {
    return typed.stream().filter(t -> t.appliesTo(request)).findFirst();
  }

  /**
   * Expiry and a broken hash are facts about the request, so its message says so for everyone; the
   * other refusals concern only the person who acted.
   */
  private Optional<Message> replacement(Refused refused) {
    if (refused.request().isEmpty()) {
      return Optional.empty();
    }
    ApprovalRequest request = refused.request().get();
    return switch (refused.reason()) {
      case EXPIRED -> Optional.of(messages.forStatus(request));
      case HASH_MISMATCH -> Optional.of(messages.blocked(request));
      default -> Optional.empty();
    };
  }

  /** The update of the request's own message, when one was recorded. */
  private static Optional<OriginalUpdate> original(ApprovalRequest request, Message message) {
    return request.hasMessage()
        ? Optional.of(
            new OriginalUpdate(
                new MessageRef(request.messageChannel(), request.messageTs()), message))
        : Optional.empty();
  }
}
