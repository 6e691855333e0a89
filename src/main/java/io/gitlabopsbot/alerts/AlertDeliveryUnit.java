package io.gitlabopsbot.alerts;

import java.util.List;

/**
 * What one delivery step does in one channel: at most one new Slack message (plus, for an open
 * group, an update of its parent in place), covering the inbox rows that are marked together.
 */
sealed interface AlertDeliveryUnit {

  /** The inbox rows this step delivers, in arrival order; none for a digest. */
  List<PendingAlert> alerts();

  /** A group without an open parent: its parent is posted (already resolved if nothing fires). */
  record OpenGroup(PendingGroup group, List<PendingAlert> alerts) implements AlertDeliveryUnit {
    public OpenGroup {
      alerts = List.copyOf(alerts);
    }
  }

  /** News of a group with an open parent: the parent is redrawn, a reply only if worth one. */
  record UpdateGroup(GroupParent parent, List<PendingAlert> alerts) implements AlertDeliveryUnit {
    public UpdateGroup {
      alerts = List.copyOf(alerts);
    }
  }

  /** A storm begins: one message naming every open and waiting group of the channel. */
  record PostDigest(String channel, List<AlertDigestMessages.Line> lines)
      implements AlertDeliveryUnit {
    public PostDigest {
      lines = List.copyOf(lines);
    }

    @Override
    public List<PendingAlert> alerts() {
      return List.of();
    }
  }

  /** The digest redrawn: groups posted or resolved; {@code over} once none is open any more. */
  record UpdateDigest(
      JdbcAlertDigests.Digest digest,
      List<AlertDigestMessages.Line> lines,
      boolean over,
      String shownHash)
      implements AlertDeliveryUnit {
    public UpdateDigest {
      lines = List.copyOf(lines);
    }

    @Override
    public List<PendingAlert> alerts() {
      return List.of();
    }
  }
}
