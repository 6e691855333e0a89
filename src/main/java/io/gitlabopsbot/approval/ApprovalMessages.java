package io.gitlabopsbot.approval;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The Slack message that asks for approval, and the variants that replace it in place once it is
 * decided, expired, blocked or executed. Buttons carry only the opaque request ID.
 */
public final class ApprovalMessages {

  public static final String APPROVE = "approval_approve";
  public static final String REJECT = "approval_reject";

  private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,30}");
  private static final DateTimeFormatter FALLBACK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** The message asking a second person to approve or reject. */
  public Message request(ApprovalRequest request) {
    Message.Builder message = body(request, "Approval needed");
    return message
        .section("Expires " + when(request.expiresAt()) + " if nobody decides.")
        .actions(
            List.of(
                new Block.Button(APPROVE, "Approve", request.id(), Block.ButtonStyle.PRIMARY),
                new Block.Button(REJECT, "Reject", request.id(), Block.ButtonStyle.DANGER)))
        .context(footer(request))
        .build();
  }

  /**
   * The dialog asking an approver to type {@code typed}'s value before the request is approved: the
   * same operation as the message, and what approving does.
   */
  public ConfirmationForm confirmation(ApprovalRequest request, TypedConfirmation typed) {
    Message operation =
        body(request, "Approve")
            .section(
                "To approve, type the *"
                    + typed.label()
                    + "* shown above, exactly. Approving starts the "
                    + request.subject().kind()
                    + " as soon as you submit; Cancel leaves the request pending.")
            .context(footer(request))
            .build();
    return new ConfirmationForm(
        request.id(),
        "Approve " + request.subject().kind(),
        operation,
        "Type the " + typed.label() + " to approve",
        "Only the exact " + typed.label() + " approves; anything else decides nothing.");
  }

  /** The message for the request's current status (used after any change). */
  public Message forStatus(ApprovalRequest request) {
    return switch (request.status()) {
      case PENDING -> request(request);
      case APPROVED -> decided(request, "Approved", ":white_check_mark: Approved by ");
      case REJECTED -> decided(request, "Rejected", ":no_entry: Rejected by ");
      case EXPIRED ->
          closed(
              request,
              "Approval expired",
              ":hourglass: Expired "
                  + when(request.expiresAt())
                  + " without a decision; nothing was done. Run the command again if it is"
                  + " still needed.");
      case EXECUTING -> decided(request, "Running", ":gear: Approved by ");
      case COMPLETED ->
          closed(
              request,
              "Done",
              "Approved by "
                  + user(request.decidedBy())
                  + ". Outcome: "
                  + SlackText.code(request.outcome() == null ? "" : request.outcome()));
    };
  }

  /** Replaces a request whose stored operation no longer matches its hash: it can never run. */
  public Message blocked(ApprovalRequest request) {
    return closed(
        request,
        "Approval blocked",
        ":octagonal_sign: This request no longer matches the operation it was created for, so it"
            + " cannot be approved or run. Run the command again, and tell the bot admins.");
  }

  private Message decided(ApprovalRequest request, String title, String prefix) {
    String at = request.decidedAt() == null ? "" : " " + when(request.decidedAt());
    return closed(request, title, prefix + user(request.decidedBy()) + at + ".");
  }

  private Message closed(ApprovalRequest request, String title, String status) {
    return body(request, title).section(status).context(footer(request)).build();
  }

  private Message.Builder body(ApprovalRequest request, String title) {
    ApprovalSubject subject = request.subject();
    String header = oneLine(title + ": " + subject.kind() + " on " + subject.target());
    List<Block.Field> fields = new ArrayList<>();
    // Field values are plain text; the renderer escapes them, so user text cannot ping or link.
    fields.add(new Block.Field("Operation", subject.kind()));
    fields.add(new Block.Field("Target", subject.target()));
    fields.add(new Block.Field("Namespace", subject.namespace()));
    fields.add(new Block.Field("Release", subject.release()));
    subject.parameters().forEach((key, value) -> fields.add(new Block.Field(key, value)));
    return Message.builder(header + " (requested by " + subject.requesterId() + ")")
        .header(header)
        .fields(fields)
        .section("Requested by " + user(subject.requesterId()) + ".");
  }

  private static String footer(ApprovalRequest request) {
    return "Approval " + request.id() + " · operation " + request.operationHash().substring(0, 12);
  }

  /** A mention for a real Slack user ID; anything else is quoted so it cannot ping anyone. */
  private static String user(String userId) {
    if (userId == null) {
      return "nobody";
    }
    return SLACK_USER.matcher(userId).matches() ? "<@" + userId + ">" : SlackText.code(userId);
  }

  /** Slack shows the date in each reader's time zone; the fallback is UTC. */
  private static String when(Instant at) {
    return "<!date^"
        + at.getEpochSecond()
        + "^{date_short_pretty} at {time}|"
        + FALLBACK.format(at)
        + ">";
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }
}
