package io.gitlabopsbot.migration;

/**
 * A step's action failed in a way it understood; the message says what failed and what to do, and
 * is shown to people as it is (so it never holds a secret).
 */
public final class StepFailedException extends RuntimeException {

  public StepFailedException(String message) {
    super(message);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
