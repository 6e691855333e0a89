package io.gitlabopsbot.alerts;

/**
 * A webhook body that cannot be understood as alerts; the message is short, names the problem and
 * never quotes the body, so it is safe to send back to the caller.
 */
public final class MalformedAlertPayloadException extends RuntimeException {

  public MalformedAlertPayloadException(String message) {
    super(message);
  }

  public MalformedAlertPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
