package io.gitlabopsbot.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted event waiting to be posted to one Slack channel.
 *
 * @param id inbox row, for {@link JdbcAlertInbox#markDelivered} and {@link
 *     JdbcAlertInbox#markAttemptFailed}
 * @param attempts failed delivery attempts so far
 */
public record PendingAlert(
    long id,
    Instant receivedAt,
    String channel,
    AlertEvent event,
    int attempts,
    Instant nextAttemptAt) {

  public PendingAlert {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(event, "event");
  }
}
