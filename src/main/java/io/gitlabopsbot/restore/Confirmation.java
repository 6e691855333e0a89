package io.gitlabopsbot.restore;

import java.util.Optional;

/** Asks the person at the terminal to confirm by typing; the CLI's stand-in for a second person. */
@FunctionalInterface
public interface Confirmation {

  /**
   * Shows {@code prompt} and reads one line.
   *
   * @return what was typed (stripped; empty text when nothing was), or empty when there is no
   *     terminal to ask
   */
  Optional<String> ask(String prompt);

  /** No terminal: every confirmation must be given with {@code --confirm}. */
  Confirmation NO_TERMINAL = prompt -> Optional.empty();
}
