package io.gitlabopsbot.effects;

import java.time.Duration;

/** Waits for a while; injected so that tests of retry logic run instantly and can see the waits. */
@FunctionalInterface
public interface Sleeper {

  /**
   * Blocks the calling thread for {@code duration}.
   *
   * @throws InterruptedSleepException when interrupted; the thread's interrupt flag is set again
   */
  void sleep(Duration duration);

  /** The real thing, backed by {@link Thread#sleep(long)}. */
  static Sleeper threadSleep() {
    return duration -> {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        // Restored so that the executor running us sees the shutdown request.
        Thread.currentThread().interrupt();
        throw new InterruptedSleepException(
            "interrupted while waiting " + duration.toSeconds() + " s before retrying", e);
      }
    };
  }

  /** Thrown when a wait is cut short by an interrupt, usually because the bot is shutting down. */
  final class InterruptedSleepException extends RuntimeException {
    public InterruptedSleepException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
