package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.MessageRef;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers which Slack message is the parent of each alert group's thread per channel, so that
 * repeats and resolutions are threaded, also across restarts.
 */
public interface AlertThreads {

  /** The open (not yet resolved) thread of {@code threadKey} in {@code channel}, if any. */
  Optional<AlertThread> open(String threadKey, String channel);

  /**
   * Records a newly opened thread. If one is already open for the same key and channel it is
   * replaced: the newest parent wins, so later replies land under the message people saw last.
   */
  default void opened(AlertThread thread) {
    opened(thread, null);
  }

  /**
   * As {@link #opened(AlertThread)}, keeping the event the parent shows, so the parent can be drawn
   * again (acknowledged, resolved) and the group listed.
   *
   * @param parentEvent null when unknown
   */
  void opened(AlertThread thread, AlertEvent parentEvent);

  /** Closes the open thread of {@code threadKey} in {@code channel}; false if none was open. */
  boolean resolved(String threadKey, String channel, Instant resolvedAt);

  /** How a thread's parent message came about, which decides whether it may be updated. */
  enum ParentKind {
    /** The parent shows this one group; it is updated in place when the group resolves. */
    SINGLE,
    /** The parent summarises a burst of groups; it is only replied to. */
    BATCH
  }

  /**
   * One open Slack thread of an alert group in a channel.
   *
   * @param actionId the opaque ID the parent's buttons carry; null when it has none
   * @param acknowledgement who acknowledged the group in this thread; null while nobody did
   */
  record AlertThread(
      String threadKey,
      String channel,
      MessageRef parent,
      ParentKind kind,
      Instant firstSeen,
      String actionId,
      Acknowledgement acknowledgement) {
    public AlertThread {
      Objects.requireNonNull(threadKey, "threadKey");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(parent, "parent");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(firstSeen, "firstSeen");
    }

    /** A thread whose parent has no buttons. */
    public AlertThread(
        String threadKey, String channel, MessageRef parent, ParentKind kind, Instant firstSeen) {
      this(threadKey, channel, parent, kind, firstSeen, null, null);
    }
  }
}
