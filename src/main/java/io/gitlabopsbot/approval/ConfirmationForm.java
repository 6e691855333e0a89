package io.gitlabopsbot.approval;

import io.gitlabopsbot.message.Message;
import java.util.Objects;

/**
 * The dialog that asks an approver to type a value before approving, independent of the Slack SDK.
 * The listener keeps only {@link #approvalId} in the dialog's state, so nothing else of the
 * operation travels through Slack and back.
 *
 * @param approvalId the opaque request ID, the only state the dialog carries
 * @param title the dialog's title (at most 24 characters, as Slack requires)
 * @param operation the exact operation being approved, and what to type
 * @param prompt the label of the text field
 * @param hint the line under the text field
 */
public record ConfirmationForm(
    String approvalId, String title, Message operation, String prompt, String hint) {

  /** Slack refuses longer modal titles. */
  public static final int MAX_TITLE = 24;

  public ConfirmationForm {
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(hint, "hint");
    if (Objects.requireNonNull(title, "title").length() > MAX_TITLE) {
      title = title.substring(0, MAX_TITLE - 1) + "…";
    }
  }
}
