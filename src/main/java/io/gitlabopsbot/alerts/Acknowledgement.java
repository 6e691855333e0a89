package io.gitlabopsbot.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * Who took an alert group in a thread, and when.
 *
 * @param userId the Slack member ID (what the message mentions)
 * @param userName the Slack user name at the time, for the audit trail only
 */
public record Acknowledgement(String userId, String userName, Instant at) {

  public Acknowledgement {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(at, "at");
  }
}
