package io.gitlabopsbot.approval;

import java.util.Objects;

/**
 * An approval kind whose Approve button does not approve at once: the approver must type one of the
 * operation's parameters (a restore's backup ID), so nobody approves it with one careless click.
 *
 * @param kind the {@link ApprovalSubject#kind()} it applies to, e.g. {@code restore}
 * @param parameter the subject parameter to type, e.g. {@code backup}
 * @param label what the approver is asked to type, e.g. {@code backup ID}
 */
public record TypedConfirmation(String kind, String parameter, String label) {

  public TypedConfirmation {
    for (String value : new String[] {kind, parameter, label}) {
      if (Objects.requireNonNull(value, "typed confirmation setting").isBlank()) {
        throw new IllegalArgumentException(
            "a typed confirmation needs a kind, parameter and label");
      }
    }
  }

  /** Whether approving {@code request} needs the typed value. */
  public boolean appliesTo(ApprovalRequest request) {
    return kind.equals(request.subject().kind());
  }
}
