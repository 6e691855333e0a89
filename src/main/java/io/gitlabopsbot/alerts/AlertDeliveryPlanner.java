package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the next step for one channel. In order: the storm digest when more than {@code
 * digestAbove} groups open within {@link #STORM_WINDOW}; the parent of the oldest group that has
 * none (naming groups comes first); a digest refresh that has waited {@link #DIGEST_REFRESH}; news
 * of a group with a parent; any other digest refresh. Groups never share a message.
 */
final class AlertDeliveryPlanner {

  /** Groups opened within this window count towards a storm. */
  static final Duration STORM_WINDOW = Duration.ofMinutes(1);

  /** A changed digest waits at most this long behind group messages. */
  static final Duration DIGEST_REFRESH = Duration.ofSeconds(10);

  /** Rows of one group delivered in one step, at most (the rest follow in the next step). */
  static final int GROUP_ROWS = 5000;

  private final JdbcAlertInbox inbox;
  private final JdbcAlertGroupParents parents;
  private final JdbcAlertDigests digests;
  private final AlertDigestMessages digestMessages;
  private final int digestAbove;

  /**
   * @param digestAbove more groups than this opening in a channel within a minute start a digest
   */
  AlertDeliveryPlanner(
      JdbcAlertInbox inbox,
      JdbcAlertGroupParents parents,
      JdbcAlertDigests digests,
      AlertDigestMessages digestMessages,
      int digestAbove) {
    if (digestAbove < 1) {
      throw new IllegalArgumentException("digestAbove must be at least 1, got " + digestAbove);
    }
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.parents = Objects.requireNonNull(parents, "parents");
    this.digests = Objects.requireNonNull(digests, "digests");
    this.digestMessages = Objects.requireNonNull(digestMessages, "digestMessages");
    this.digestAbove = digestAbove;
  }

  /**
   * The next step for {@code channel}, or empty when there is nothing to do.
   *
   * @param pending the channel's undelivered groups, oldest first, due or waiting for a retry
   */
  Optional<AlertDeliveryUnit> next(String channel, List<PendingGroup> pending, Instant now) {
    Map<PendingGroup, Optional<GroupParent>> parentOf = new LinkedHashMap<>();
    List<PendingGroup> waiting = new ArrayList<>();
    for (PendingGroup group : pending) {
      Optional<GroupParent> parent = parents.open(group.threadKey(), channel, false);
      parentOf.put(group, parent);
      if (parent.isEmpty() && group.firing() > 0) {
        waiting.add(group);
      }
    }
    Optional<JdbcAlertDigests.Digest> digest = digests.active(channel);
    if (digest.isEmpty()
        && !waiting.isEmpty()
        && parents.openedSince(channel, now.minus(STORM_WINDOW)) + waiting.size() > digestAbove) {
      return Optional.of(new AlertDeliveryUnit.PostDigest(channel, lines(channel, now, waiting)));
    }
    for (Map.Entry<PendingGroup, Optional<GroupParent>> group : parentOf.entrySet()) {
      if (group.getKey().due() && group.getValue().isEmpty()) {
        return Optional.of(
            new AlertDeliveryUnit.OpenGroup(
                group.getKey(), untilFirstResolution(rows(channel, group.getKey()))));
      }
    }
    Optional<AlertDeliveryUnit.UpdateDigest> refresh =
        digest.flatMap(active -> staleDigest(channel, active, waiting));
    if (refresh.isPresent()
        && !now.isBefore(refresh.get().digest().updatedAt().plus(DIGEST_REFRESH))) {
      return Optional.of(refresh.get());
    }
    for (Map.Entry<PendingGroup, Optional<GroupParent>> group : parentOf.entrySet()) {
      if (group.getKey().due() && group.getValue().isPresent()) {
        GroupParent parent =
            parents.open(group.getKey().threadKey(), channel).orElse(group.getValue().get());
        return Optional.of(
            new AlertDeliveryUnit.UpdateGroup(parent, rows(channel, group.getKey())));
      }
    }
    return refresh.map(AlertDeliveryUnit.class::cast);
  }

  // A group opens with what fired: a resolution that arrived with it follows as an update in
  // place, so the channel shows that it fired and for how long.
  private static List<PendingAlert> untilFirstResolution(List<PendingAlert> rows) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).event().status() == AlertEvent.Status.RESOLVED) {
        return i == 0 ? rows : rows.subList(0, i);
      }
    }
    return rows;
  }

  private List<PendingAlert> rows(String channel, PendingGroup group) {
    return inbox.groupRows(channel, group.threadKey(), GROUP_ROWS);
  }

  private Optional<AlertDeliveryUnit.UpdateDigest> staleDigest(
      String channel, JdbcAlertDigests.Digest digest, List<PendingGroup> waiting) {
    List<AlertDigestMessages.Line> lines = lines(channel, digest.startedAt(), waiting);
    boolean over = lines.stream().noneMatch(AlertDigestMessages.Line::open);
    Message message = digestMessages.digest(lines, null, over);
    String hash = AlertDigestMessages.hash(message);
    if (!over && hash.equals(digest.shownHash())) {
      return Optional.empty();
    }
    return Optional.of(new AlertDeliveryUnit.UpdateDigest(digest, lines, over, hash));
  }

  // Groups with a parent (open, or opened within the storm window before the digest began), then
  // those still waiting for theirs.
  private List<AlertDigestMessages.Line> lines(
      String channel, Instant since, List<PendingGroup> waiting) {
    List<AlertDigestMessages.Line> lines =
        new ArrayList<>(parents.digestGroups(channel, since.minus(STORM_WINDOW)));
    for (PendingGroup group : waiting) {
      lines.add(
          new AlertDigestMessages.Line(
              group.threadKey(),
              AlertMessages.title(group.first()),
              AlertMessages.severity(group.first()),
              group.firing(),
              0,
              true,
              null));
    }
    return lines;
  }
}
