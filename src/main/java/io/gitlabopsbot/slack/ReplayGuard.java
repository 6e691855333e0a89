package io.gitlabopsbot.slack;

import java.time.Instant;

/**
 * Remembers inbound requests that were already accepted, so a captured or retried request is not
 * acted on twice. Shared through the store so it holds across bot replicas.
 */
public interface ReplayGuard {

  /**
   * Records {@code key} and returns true the first time it is seen; returns false if it was seen
   * before and has not expired yet.
   *
   * @param expiresAt after this instant the key may be forgotten
   */
  boolean firstSeen(String key, Instant expiresAt);
}
