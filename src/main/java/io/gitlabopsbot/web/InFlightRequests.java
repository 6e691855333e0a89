package io.gitlabopsbot.web;

import java.time.Duration;

/**
 * Counts requests being served so a shutdown can wait for them, but no longer than a bound. (The
 * JDK server's own {@code stop(delay)} always waits the whole delay on Java 17 while any keep-alive
 * connection is open, which would slow every restart.)
 */
final class InFlightRequests {

  private int active;
  private boolean closing;

  /** Starts one request; false once shutdown began, so the caller refuses it instead. */
  synchronized boolean enter() {
    if (closing) {
      return false;
    }
    active++;
    return true;
  }

  synchronized void exit() {
    active--;
    if (active == 0) {
      notifyAll();
    }
  }

  /**
   * Refuses new requests from now on and waits up to {@code grace} for running ones to finish.
   *
   * @return true when none is left running
   */
  synchronized boolean closeAndAwait(Duration grace) throws InterruptedException {
    closing = true;
    long deadline = System.nanoTime() + grace.toNanos();
    while (active > 0) {
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        return false;
      }
      wait(leftMillis);
    }
    return true;
  }
}
