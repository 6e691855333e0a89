package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Carries out one {@link AlertDeliveryUnit}: the Slack calls, then the bookkeeping in the store
 * (one transaction with the inbox rows it delivers). Throws whatever the notifier or the store
 * throws; the caller then retries the whole unit, which is why each step is safe to repeat (an
 * update in place shows the same state again).
 */
final class AlertDeliverySender {

  private final Notifier notifier;
  private final JdbcAlertGroupParents parents;
  private final JdbcAlertDigests digests;
  private final AlertGroupMessages messages;
  private final AlertDigestMessages digestMessages;
  private final ParentButtons buttons;
  private final AlertActionIds ids;
  private final Clock clock;

  AlertDeliverySender(
      Notifier notifier,
      JdbcAlertGroupParents parents,
      JdbcAlertDigests digests,
      AlertGroupMessages messages,
      AlertDigestMessages digestMessages,
      ParentButtons buttons,
      AlertActionIds ids,
      Clock clock) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.parents = Objects.requireNonNull(parents, "parents");
    this.digests = Objects.requireNonNull(digests, "digests");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.digestMessages = Objects.requireNonNull(digestMessages, "digestMessages");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sends {@code unit} to {@code channel}; returns its kind for metrics. */
  String send(String channel, AlertDeliveryUnit unit) {
    if (unit instanceof AlertDeliveryUnit.OpenGroup open) {
      return open(channel, open);
    } else if (unit instanceof AlertDeliveryUnit.UpdateGroup update) {
      return update(update);
    } else if (unit instanceof AlertDeliveryUnit.PostDigest post) {
      Message digest = digestMessages.digest(post.lines(), null, false);
      MessageRef ref = notifier.post(channel, digest);
      digests.posted(channel, ref, clock.instant(), AlertDigestMessages.hash(digest));
      return "digest";
    }
    AlertDeliveryUnit.UpdateDigest update = (AlertDeliveryUnit.UpdateDigest) unit;
    Instant now = clock.instant();
    Duration lasted = update.over() ? Duration.between(update.digest().startedAt(), now) : null;
    notifier.update(
        update.digest().message(), digestMessages.digest(update.lines(), lasted, update.over()));
    digests.shown(update.digest().id(), update.shownHash(), now, update.over());
    return "digest";
  }

  private String open(String channel, AlertDeliveryUnit.OpenGroup open) {
    AlertGroupState.Applied applied = AlertGroupState.EMPTY.apply(open.alerts());
    AlertGroupState state = applied.state();
    AlertEvent shown = state.representative();
    Instant firstSeen = firstSeen(open.alerts());
    boolean over = state.allResolved();
    // A fresh ID per attempt: a retry after a failed store write posts a new parent, and the
    // buttons of the orphaned one then find nothing instead of acting on the wrong thread.
    String actionId = over || buttons == ParentButtons.NONE ? null : ids.next();
    Duration lasted = over ? lasted(firstSeen, state, open.alerts()) : null;
    MessageRef parent =
        notifier.post(
            channel,
            messages.parent(
                state,
                new AlertGroupMessages.Shown(
                    new AlertMessages.ParentControls(actionId, buttons.silences(shown), null),
                    lasted,
                    firstSeen)));
    Instant now = clock.instant();
    parents.opened(
        open.group().threadKey(),
        channel,
        parent,
        firstSeen,
        actionId,
        applied,
        ids(open.alerts()),
        now,
        over);
    return over ? "resolved" : "parent";
  }

  private String update(AlertDeliveryUnit.UpdateGroup update) {
    GroupParent parent = update.parent();
    AlertGroupState before = parent.state();
    AlertGroupState.Applied applied = before.apply(update.alerts());
    AlertGroupState after = applied.state();
    boolean over = after.allResolved();
    Duration lasted = over ? lasted(parent.firstSeen(), after, update.alerts()) : null;
    AlertEvent shown = after.representative();
    notifier.update(
        parent.parent(),
        messages.parent(
            after,
            new AlertGroupMessages.Shown(
                new AlertMessages.ParentControls(
                    parent.actionId(), buttons.silences(shown), parent.acknowledgement()),
                lasted,
                parent.firstSeen())));
    Message reply = messages.reply(before, after, applied.newlyFiring(), lasted);
    if (reply != null) {
      notifier.reply(parent.parent(), reply);
    }
    Instant now = clock.instant();
    parents.updated(
        parent, applied, ids(update.alerts()), now, over ? parent.firstSeen().plus(lasted) : null);
    return over ? "resolved" : reply != null ? "reply" : "update";
  }

  private static List<Long> ids(List<PendingAlert> alerts) {
    return alerts.stream().map(PendingAlert::id).toList();
  }

  // From the first start to the last end the alerts report, never negative.
  private static Duration lasted(
      Instant firstSeen, AlertGroupState state, List<PendingAlert> rows) {
    Instant end = null;
    for (AlertGroupState.Instance instance : state.instances().values()) {
      Instant endsAt = instance.event().endsAt();
      if (endsAt != null && (end == null || endsAt.isAfter(end))) {
        end = endsAt;
      }
    }
    if (end == null) {
      end = rows.isEmpty() ? firstSeen : rows.get(rows.size() - 1).receivedAt();
    }
    Duration lasted = Duration.between(firstSeen, end.truncatedTo(ChronoUnit.SECONDS));
    return lasted.isNegative() ? Duration.ZERO : lasted;
  }

  // Whole seconds: the store keeps microseconds at most and may round, durations are coarse anyway.
  private static Instant firstSeen(List<PendingAlert> alerts) {
    Instant first = null;
    for (PendingAlert alert : alerts) {
      Instant startsAt =
          alert.event().startsAt() != null ? alert.event().startsAt() : alert.receivedAt();
      if (first == null || startsAt.isBefore(first)) {
        first = startsAt;
      }
    }
    return (first == null ? Instant.EPOCH : first).truncatedTo(ChronoUnit.SECONDS);
  }
}
