package io.gitlabopsbot;

import java.time.Duration;

/**
 * Periodic work of a serving bot (expire approvals, report interrupted restores …).
 *
 * @param name how logs name it when a run fails
 * @param firstAfter delay before the first run
 * @param every delay between the end of one run and the start of the next
 */
record Sweep(String name, Duration firstAfter, Duration every, Runnable task) {

  static Sweep everyMinute(String name, Runnable task) {
    return new Sweep(name, Duration.ZERO, Duration.ofMinutes(1), task);
  }
}
