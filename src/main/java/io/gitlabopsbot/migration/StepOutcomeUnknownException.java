package io.gitlabopsbot.migration;

/**
 * A step's action stopped without knowing whether it took effect (the connection dropped, a command
 * timed out on the host). The step becomes UNKNOWN and a person decides; the message says what to
 * check, and is shown as it is (so it never holds a secret).
 */
public final class StepOutcomeUnknownException extends RuntimeException {

  public StepOutcomeUnknownException(String message) {
    super(message);
  }
}
