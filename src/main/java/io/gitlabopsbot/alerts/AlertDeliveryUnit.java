package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertThreads.AlertThread;
import java.util.List;

/**
 * What one delivery step posts to one channel: at most one new Slack message (plus, on resolution,
 * an in-place update of the parent), covering one or more inbox rows that are marked together.
 */
sealed interface AlertDeliveryUnit {

  /** The inbox rows this step delivers, in arrival order. */
  List<PendingAlert> alerts();

  /** A firing group without an open thread: its parent message opens one. */
  record OpenThread(PendingAlert alert) implements AlertDeliveryUnit {
    @Override
    public List<PendingAlert> alerts() {
      return List.of(alert);
    }
  }

  /** A resolution of a group with no open thread: posted on its own, nothing to update. */
  record Orphan(PendingAlert alert) implements AlertDeliveryUnit {
    @Override
    public List<PendingAlert> alerts() {
      return List.of(alert);
    }
  }

  /** Firing repeats or changes of an open thread: one reply (a digest when several). */
  record Repeats(AlertThread thread, List<PendingAlert> alerts) implements AlertDeliveryUnit {
    public Repeats {
      alerts = List.copyOf(alerts);
    }
  }

  /** The resolution of an open thread: parent updated in place, a reply with the duration. */
  record Resolution(AlertThread thread, PendingAlert alert) implements AlertDeliveryUnit {
    @Override
    public List<PendingAlert> alerts() {
      return List.of(alert);
    }
  }

  /** A burst of groups without open threads: one summary message that becomes their parent. */
  record Batch(List<PendingAlert> alerts) implements AlertDeliveryUnit {
    public Batch {
      alerts = List.copyOf(alerts);
    }
  }
}
