package io.gitlabopsbot.alerts;

import com.slack.api.methods.SlackApiException;
import io.gitlabopsbot.slack.SlackWebApiNotifier.SlackDeliveryException;
import java.time.Duration;

/** Reads Slack's {@code Retry-After} from a rate-limited delivery failure. */
final class AlertDeliveryRetryAfter {

  // Slack advises waiting a second when it gives no usable value.
  static final Duration DEFAULT = Duration.ofSeconds(1);
  // A broken or hostile header must not silence a channel for days.
  static final Duration MAX = Duration.ofMinutes(10);

  private AlertDeliveryRetryAfter() {}

  static Duration of(SlackDeliveryException e) {
    if (!(e.getCause() instanceof SlackApiException api) || api.getResponse() == null) {
      return DEFAULT;
    }
    String header = api.getResponse().header("Retry-After");
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 1 ? DEFAULT : Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()));
    } catch (RuntimeException notANumber) {
      return DEFAULT;
    }
  }
}
