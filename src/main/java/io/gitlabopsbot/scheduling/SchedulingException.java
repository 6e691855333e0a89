package io.gitlabopsbot.scheduling;

/** The scheduler or its job store failed; the message says what failed and what to check. */
public final class SchedulingException extends RuntimeException {

  public SchedulingException(String message, Throwable cause) {
    super(message, cause);
  }
}
