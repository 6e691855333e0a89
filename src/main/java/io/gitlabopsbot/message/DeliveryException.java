package io.gitlabopsbot.message;

import java.time.Duration;
import java.util.Optional;

/**
 * A message could not be delivered. Carries what callers act on — the chat service's error code
 * and, when it rate limited us, how long it asked us to wait — so no caller needs the chat SDK's
 * own exception types.
 */
public final class DeliveryException extends RuntimeException {

  /** The error code of a rate-limited call. */
  public static final String RATE_LIMITED = "ratelimited";

  private final String errorCode;
  private final Duration retryAfter;

  public DeliveryException(String errorCode, String message, Throwable cause) {
    this(errorCode, message, cause, null);
  }

  /**
   * @param retryAfter the wait the service asked for (a rate limit), or null when it gave none
   */
  public DeliveryException(String errorCode, String message, Throwable cause, Duration retryAfter) {
    super(message, cause);
    this.errorCode = errorCode;
    this.retryAfter = retryAfter;
  }

  /**
   * The service's error code (e.g. Slack's {@code not_in_channel}), {@code ratelimited}, {@code
   * io}.
   */
  public String errorCode() {
    return errorCode;
  }

  public boolean rateLimited() {
    return RATE_LIMITED.equals(errorCode);
  }

  /** The wait the service asked for, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
