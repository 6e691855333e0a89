package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.DeliveryException;
import java.time.Duration;

/** How long a channel waits after the chat service rate limited a delivery. */
final class AlertDeliveryRetryAfter {

  // Slack advises waiting a second when it gives no usable value.
  static final Duration DEFAULT = Duration.ofSeconds(1);
  // A broken or hostile header must not silence a channel for days.
  static final Duration MAX = Duration.ofMinutes(10);

  private AlertDeliveryRetryAfter() {}

  static Duration of(DeliveryException e) {
    return e.retryAfter()
        .filter(wait -> wait.toSeconds() >= 1)
        .map(wait -> wait.compareTo(MAX) > 0 ? MAX : wait)
        .orElse(DEFAULT);
  }
}
