package io.gitlabopsbot.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps posts to each Slack channel at most one per interval (Slack allows about one message per
 * second per channel) and holds a channel back for as long as Slack's {@code Retry-After} asked. It
 * never waits itself: callers ask {@link #tryAcquire} and come back later when refused.
 */
public final class ChannelPacer {

  private final Clock clock;
  private final Duration interval;
  private final Map<String, Instant> nextFree = new HashMap<>();

  /**
   * @param interval least time between two posts to one channel, positive
   */
  public ChannelPacer(Clock clock, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, got " + interval);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = interval;
  }

  /** True, and the channel's next slot taken, if a message may be posted to it now. */
  public synchronized boolean tryAcquire(String channel) {
    Instant now = clock.instant();
    Instant free = nextFree.get(channel);
    if (free != null && now.isBefore(free)) {
      return false;
    }
    nextFree.put(channel, now.plus(interval));
    return true;
  }

  /** Whether a message may be posted to {@code channel} now, without taking the slot. */
  public synchronized boolean isFree(String channel) {
    Instant free = nextFree.get(channel);
    return free == null || !clock.instant().isBefore(free);
  }

  /** Holds {@code channel} back for {@code retryAfter} from now, e.g. after a 429 from Slack. */
  public synchronized void pause(String channel, Duration retryAfter) {
    Instant until = clock.instant().plus(retryAfter.isNegative() ? Duration.ZERO : retryAfter);
    nextFree.merge(channel, until, (old, proposed) -> old.isAfter(proposed) ? old : proposed);
  }

  /** When {@code channel} may be posted to next; now or earlier means at once. */
  public synchronized Instant nextFree(String channel) {
    return nextFree.getOrDefault(channel, clock.instant());
  }
}
