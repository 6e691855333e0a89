package io.gitlabopsbot.approval;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import java.util.Objects;
import java.util.Optional;

/** What to do after an approver submitted the typed-confirmation dialog. */
public sealed interface ConfirmationResult {

  /** Approved: close the dialog and replace the approval message when there is one. */
  record Confirmed(Optional<OriginalUpdate> original) implements ConfirmationResult {
    public Confirmed {
      Objects.requireNonNull(original, "original");
    }
  }

  /** The typed text is wrong: keep the dialog open with this error under the field. */
  record WrongText(String error) implements ConfirmationResult {
    public WrongText {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Nothing was decided for another reason (own request, role, expiry…): show {@code text} in the
   * dialog, and replace the approval message when the request itself changed (expired, blocked).
   */
  record Refused(String text, Optional<OriginalUpdate> original) implements ConfirmationResult {
    public Refused {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(original, "original");
    }
  }

  /** The approval message to replace (chat.update) and its new content. */
  record OriginalUpdate(MessageRef where, Message message) {
    public OriginalUpdate {
      Objects.requireNonNull(where, "where");
      Objects.requireNonNull(message, "message");
    }
  }
}
