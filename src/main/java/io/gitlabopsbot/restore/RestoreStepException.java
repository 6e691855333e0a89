package io.gitlabopsbot.restore;

/**
 * A step of a restore could not be done; the message says what, where and why, and is shown to the
 * people running the restore.
 */
final class RestoreStepException extends RuntimeException {

  private final String logTail;

  RestoreStepException(String message) {
    this(message, "", null);
  }

  RestoreStepException(String message, String logTail, Throwable cause) {
    super(message, cause);
    this.logTail = logTail == null ? "" : logTail;
  }

  /** The last lines of the restore Job's log, or empty. */
  String logTail() {
    return logTail;
  }
}
