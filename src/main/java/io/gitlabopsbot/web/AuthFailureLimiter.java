package io.gitlabopsbot.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per source address in one-minute windows. A route asks it only
 * after a request failed authentication, so an authenticated caller is never counted or slowed,
 * even when it shares its address with a failing one (behind an Ingress every request comes from
 * the controller's address).
 */
public final class AuthFailureLimiter {

  static final Duration WINDOW = Duration.ofMinutes(1);
  // Bounds memory when failures come from very many addresses; new ones are then limited at once.
  static final int MAX_TRACKED_ADDRESSES = 10_000;

  private final int maxFailures;
  private final Clock clock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param maxFailures failures per address and minute that still get the normal 401
   */
  public AuthFailureLimiter(int maxFailures, Clock clock) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be positive, was " + maxFailures);
    }
    this.maxFailures = maxFailures;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Failures per address and minute that still get the normal answer. */
  public int maxFailures() {
    return maxFailures;
  }

  /** Records one failed authentication from {@code address} and says how to answer it. */
  public Verdict recordFailure(String address) {
    Instant now = clock.instant();
    if (windows.size() >= MAX_TRACKED_ADDRESSES) {
      windows.values().removeIf(w -> w.endsBefore(now));
    }
    if (windows.size() >= MAX_TRACKED_ADDRESSES && !windows.containsKey(address)) {
      return new Verdict(true, false, WINDOW);
    }
    Window window =
        windows.compute(
            address,
            (a, old) -> old == null || old.endsBefore(now) ? new Window(now, 1) : old.plusOne());
    Duration retryAfter = Duration.between(now, window.start().plus(WINDOW));
    return new Verdict(
        window.failures() > maxFailures, window.failures() == maxFailures + 1, retryAfter);
  }

  /**
   * @param limited answer 429 instead of 401
   * @param firstLimited this is the first limited failure in the window (worth one log line)
   * @param retryAfter when the window of this address ends
   */
  public record Verdict(boolean limited, boolean firstLimited, Duration retryAfter) {

    /** Whole seconds for a Retry-After header, at least 1. */
    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  private record Window(Instant start, int failures) {
    boolean endsBefore(Instant now) {
      return !start.plus(WINDOW).isAfter(now);
    }

    Window plusOne() {
      return new Window(start, failures + 1);
    }
  }
}
