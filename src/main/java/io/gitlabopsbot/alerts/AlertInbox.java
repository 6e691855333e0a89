package io.gitlabopsbot.alerts;

import java.util.List;

/**
 * Durable queue of accepted alert events between the webhook and Slack delivery. An event is
 * acknowledged to its sender (2xx) only after {@link #accept} returned, so nothing accepted is lost
 * across a restart.
 */
public interface AlertInbox {

  /**
   * Persists the events of one notification atomically.
   *
   * @return how many were new; duplicates (same dedupe key) are ignored
   * @throws AlertInboxUnavailableException when they cannot be persisted now (the sender retries)
   */
  int accept(List<AlertEvent> events);

  /** Thrown when the inbox cannot store events now; webhook endpoints answer 503. */
  final class AlertInboxUnavailableException extends RuntimeException {
    public AlertInboxUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
