package io.gitlabopsbot.store;

/**
 * The bot's own database could not do what was asked. The message names what failed and what to
 * check; it never contains a password.
 */
public class StoreException extends RuntimeException {

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
