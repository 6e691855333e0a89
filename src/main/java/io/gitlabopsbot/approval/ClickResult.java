package io.gitlabopsbot.approval;

import io.gitlabopsbot.message.Message;

/** What to do after an approval button click. */
public sealed interface ClickResult {

  /** Replace the original approval message (chat.update) with this one. */
  record UpdateOriginal(Message message) implements ClickResult {}

  /** Leave the original alone and tell only the person who clicked (ephemeral). */
  record TellClicker(String text) implements ClickResult {}

  /** Nothing is decided yet: open this dialog for the person who clicked (views.open). */
  record AskToType(ConfirmationForm form) implements ClickResult {}
}
