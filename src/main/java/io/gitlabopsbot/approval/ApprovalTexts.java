package io.gitlabopsbot.approval;

/** The sentences a refused click is answered with: what is wrong and what to do next. */
final class ApprovalTexts {

  static final String UNKNOWN =
      "This approval request is not known to the bot (it may be from another installation)."
          + " Ask the requester to run the command again.";
  static final String TAMPERED =
      "This approval request no longer matches the operation it was created for, so it cannot"
          + " be decided. Ask the requester to run the command again, and tell the bot admins.";
  static final String EXPIRED =
      "This approval request has expired. Ask the requester to run the command again.";
  static final String OWN =
      "You cannot decide your own request: a second person with the approver role must.";
  static final String INVOLVED =
      "You cannot decide this request: you started the operation it belongs to. A second person"
          + " with the approver role must.";
  static final String CLI =
      "Approvals are given in Slack, where the approver is identified; not from the CLI.";
  static final String TYPED_MISMATCH =
      "What was typed is not the value this request must be confirmed with, so nothing was"
          + " decided.";

  private ApprovalTexts() {}

  static String alreadyDecided(ApprovalRequest request) {
    return "This approval request was already handled (it is "
        + request.status().name().toLowerCase(java.util.Locale.ROOT)
        + "); nothing more was done.";
  }
}
