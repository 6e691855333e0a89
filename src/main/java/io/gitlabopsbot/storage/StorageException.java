package io.gitlabopsbot.storage;

/**
 * Object storage could not do what was asked. The message is safe to show to a user: it names the
 * location, the storage's error code and what to do next, never a credential.
 */
public final class StorageException extends RuntimeException {

  private final String errorCode;

  public StorageException(String message, String errorCode, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  /**
   * The storage's own error code, e.g. {@code AccessDenied}, or a short word such as {@code
   * unreachable}.
   */
  public String errorCode() {
    return errorCode;
  }
}
