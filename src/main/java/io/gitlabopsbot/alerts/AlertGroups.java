package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertThreads.ParentKind;
import io.gitlabopsbot.message.MessageRef;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Alert threads as people act on them: found by a button's opaque ID, acknowledged, listed. */
public interface AlertGroups {

  /** The thread whose buttons carry {@code actionId}, open or not. */
  Optional<Thread> find(String actionId);

  /**
   * Records who took the group, unless someone already did or the thread is no longer open.
   *
   * @return true if this acknowledgement was recorded
   */
  boolean acknowledge(String actionId, Acknowledgement acknowledgement);

  /**
   * The parent of the group whose buttons carry {@code actionId}, drawn again from the instances it
   * shows, with {@code controls}; empty when the store keeps no instances for it (threads from
   * before group parents), so the caller draws it from {@link Thread#parentEvent()}.
   */
  default Optional<io.gitlabopsbot.message.Message> parentMessage(
      String actionId, AlertMessages.ParentControls controls) {
    return Optional.empty();
  }

  /** Open threads, newest first, at most {@code limit}, and how many there are in all. */
  Firing firing(int limit);

  /**
   * One Slack thread of an alert group.
   *
   * @param parentEvent what the parent shows; null for threads opened before it was kept
   * @param acknowledgement null while nobody took it
   */
  record Thread(
      String actionId,
      String threadKey,
      String channel,
      MessageRef parent,
      ParentKind kind,
      boolean open,
      Instant firstSeen,
      AlertEvent parentEvent,
      Acknowledgement acknowledgement) {
    public Thread {
      Objects.requireNonNull(threadKey, "threadKey");
      Objects.requireNonNull(parent, "parent");
    }
  }

  /** Open threads: the newest ones and the total. */
  record Firing(int total, List<Thread> newest) {
    public Firing {
      newest = List.copyOf(newest);
    }
  }
}
