package io.gitlabopsbot.restore;

/**
 * A step of a restore could not be done; the message says what, where and why, and is shown to the
 * people running the restore.
 */
final class RestoreStepException extends RuntimeException {

  private final String logTail;
  private final boolean jobMayStillRun;

  RestoreStepException(String message) {
    this(message, "", null);
  }

  RestoreStepException(String message, String logTail, Throwable cause) {
    this(message, logTail, cause, false);
  }

  private RestoreStepException(
      String message, String logTail, Throwable cause, boolean jobMayStillRun) {
    super(message, cause);
    this.logTail = logTail == null ? "" : logTail;
    this.jobMayStillRun = jobMayStillRun;
  }

  /** The bot can no longer see the restore Job, which may still be writing to GitLab's data. */
  static RestoreStepException jobLost(String message, Throwable cause) {
    return new RestoreStepException(message, "", cause, true);
  }

  /** Whether the restore Job may still be running (then GitLab must stay scaled down). */
  boolean jobMayStillRun() {
    return jobMayStillRun;
  }

  /** The last lines of the restore Job's log, or empty. */
  String logTail() {
    return logTail;
  }
}
