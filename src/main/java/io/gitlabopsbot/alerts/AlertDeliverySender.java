package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertThreads.AlertThread;
import io.gitlabopsbot.alerts.AlertThreads.ParentKind;
import io.gitlabopsbot.slack.MessageRef;
import io.gitlabopsbot.slack.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out one {@link AlertDeliveryUnit}: the Slack calls, then the thread bookkeeping. Throws
 * whatever the notifier or the store throws; the caller then retries the whole unit, which is why
 * each step is safe to repeat (an update in place shows the same text again).
 */
final class AlertDeliverySender {

  private final Notifier notifier;
  private final AlertThreads threads;
  private final AlertMessages messages;
  private final ParentButtons buttons;
  private final AlertActionIds ids;

  AlertDeliverySender(
      Notifier notifier,
      AlertThreads threads,
      AlertMessages messages,
      ParentButtons buttons,
      AlertActionIds ids) {
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.threads = Objects.requireNonNull(threads, "threads");
    this.messages = Objects.requireNonNull(messages, "messages");
    this.buttons = Objects.requireNonNull(buttons, "buttons");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  /** Sends {@code unit} to {@code channel}; returns its kind for metrics. */
  String send(String channel, AlertDeliveryUnit unit) {
    if (unit instanceof AlertDeliveryUnit.OpenThread open) {
      return openThread(channel, open.alert());
    } else if (unit instanceof AlertDeliveryUnit.Orphan orphan) {
      return orphan(channel, orphan.alert());
    } else if (unit instanceof AlertDeliveryUnit.Repeats repeats) {
      return repeats(repeats);
    } else if (unit instanceof AlertDeliveryUnit.Resolution resolution) {
      return resolution(channel, resolution);
    }
    return batch(channel, ((AlertDeliveryUnit.Batch) unit).alerts());
  }

  private String openThread(String channel, PendingAlert alert) {
    AlertEvent event = alert.event();
    // A fresh ID per attempt: a retry after a failed store write posts a new parent, and the
    // buttons of the orphaned one then find nothing instead of acting on the wrong thread.
    String actionId = buttons == ParentButtons.NONE ? null : ids.next();
    MessageRef parent =
        notifier.post(
            channel,
            messages.parent(
                event, new AlertMessages.ParentControls(actionId, buttons.silences(event), null)));
    threads.opened(
        new AlertThread(
            event.threadKey(),
            channel,
            parent,
            ParentKind.SINGLE,
            firstSeen(alert),
            actionId,
            null),
        event);
    return "parent";
  }

  private String orphan(String channel, PendingAlert alert) {
    AlertEvent event = alert.event();
    Duration lasted =
        event.startsAt() != null
                && event.endsAt() != null
                && event.endsAt().isAfter(event.startsAt())
            ? Duration.between(event.startsAt(), event.endsAt())
            : null;
    notifier.post(channel, messages.resolvedParent(event, lasted));
    return "resolved";
  }

  private String repeats(AlertDeliveryUnit.Repeats repeats) {
    List<AlertEvent> events = repeats.alerts().stream().map(PendingAlert::event).toList();
    notifier.reply(
        repeats.thread().parent(),
        events.size() == 1 ? messages.reply(events.get(0)) : messages.digest(events));
    return "reply";
  }

  private String resolution(String channel, AlertDeliveryUnit.Resolution resolution) {
    AlertThread thread = resolution.thread();
    AlertEvent event = resolution.alert().event();
    Instant end = event.endsAt() != null ? event.endsAt() : resolution.alert().receivedAt();
    Duration lasted = Duration.between(thread.firstSeen(), end);
    if (lasted.isNegative()) {
      lasted = Duration.ZERO;
    }
    // A burst summary stands for many groups, so only a group's own parent is rewritten.
    if (thread.kind() == ParentKind.SINGLE) {
      notifier.update(
          thread.parent(), messages.resolvedParent(event, lasted, thread.acknowledgement()));
    }
    notifier.reply(thread.parent(), messages.resolvedReply(event, lasted));
    threads.resolved(event.threadKey(), channel, end);
    return "resolved";
  }

  private String batch(String channel, List<PendingAlert> alerts) {
    MessageRef summary =
        notifier.post(channel, messages.batch(alerts.stream().map(PendingAlert::event).toList()));
    // The last row of each group decides whether it stays open under the summary.
    Map<String, PendingAlert> firstOfGroup = new LinkedHashMap<>();
    Map<String, PendingAlert> lastOfGroup = new LinkedHashMap<>();
    for (PendingAlert alert : alerts) {
      firstOfGroup.putIfAbsent(alert.event().threadKey(), alert);
      lastOfGroup.put(alert.event().threadKey(), alert);
    }
    lastOfGroup.forEach(
        (key, last) -> {
          if (last.event().status() == AlertEvent.Status.FIRING) {
            threads.opened(
                new AlertThread(
                    key, channel, summary, ParentKind.BATCH, firstSeen(firstOfGroup.get(key))),
                firstOfGroup.get(key).event());
          }
        });
    return "batch";
  }

  // Whole seconds: the store keeps microseconds at most and may round, durations are coarse anyway.
  private static Instant firstSeen(PendingAlert alert) {
    Instant startsAt = alert.event().startsAt();
    return (startsAt != null ? startsAt : alert.receivedAt()).truncatedTo(ChronoUnit.SECONDS);
  }
}
