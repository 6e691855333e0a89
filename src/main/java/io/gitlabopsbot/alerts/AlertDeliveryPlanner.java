package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertThreads.AlertThread;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the next {@link AlertDeliveryUnit} for one channel from its ready rows (arrival order).
 * Per thread, rows are only ever taken from the front, so a thread's messages keep their order.
 */
final class AlertDeliveryPlanner {

  private final AlertThreads threads;
  private final int batchAbove;

  /**
   * @param batchAbove more ready rows than this for one channel are summarised in one message
   */
  AlertDeliveryPlanner(AlertThreads threads, int batchAbove) {
    if (batchAbove < 1) {
      throw new IllegalArgumentException("batchAbove must be at least 1, got " + batchAbove);
    }
    this.threads = Objects.requireNonNull(threads, "threads");
    this.batchAbove = batchAbove;
  }

  /** The next step for {@code ready}, all of one channel and non-empty. */
  AlertDeliveryUnit next(String channel, List<PendingAlert> ready) {
    if (ready.size() > batchAbove) {
      Map<String, Optional<AlertThread>> open = new HashMap<>();
      List<PendingAlert> fresh = new ArrayList<>();
      for (PendingAlert alert : ready) {
        String key = alert.event().threadKey();
        if (open.computeIfAbsent(key, k -> threads.open(k, channel)).isEmpty()) {
          fresh.add(alert);
        }
      }
      if (fresh.size() > 1) {
        return new AlertDeliveryUnit.Batch(fresh);
      }
    }
    PendingAlert first = ready.get(0);
    String key = first.event().threadKey();
    Optional<AlertThread> thread = threads.open(key, channel);
    boolean resolved = first.event().status() == AlertEvent.Status.RESOLVED;
    if (thread.isEmpty()) {
      return resolved
          ? new AlertDeliveryUnit.Orphan(first)
          : new AlertDeliveryUnit.OpenThread(first);
    }
    if (resolved) {
      return new AlertDeliveryUnit.Resolution(thread.get(), first);
    }
    // Consecutive firing rows of the thread go into one reply; a resolution waits for its own.
    List<PendingAlert> repeats = new ArrayList<>();
    for (PendingAlert alert : ready) {
      if (!alert.event().threadKey().equals(key)) {
        continue;
      }
      if (alert.event().status() == AlertEvent.Status.RESOLVED) {
        break;
      }
      repeats.add(alert);
    }
    return new AlertDeliveryUnit.Repeats(thread.get(), repeats);
  }
}
