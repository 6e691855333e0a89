package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertEvents.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.alerts.AlertDeliveryFixture.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDeliveryTest {

  private final AlertDeliveryFixture fixture = new AlertDeliveryFixture();
  private final AlertDelivery worker = fixture.newWorker();

  @AfterEach
  void close() {
    worker.close();
    fixture.close();
  }

  @Test
  void deliverOnce_whenFiring_postsOneParentAndMarksItDelivered() {
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));

    assertThat(worker.deliverOnce()).isEqualTo(1);

    List<Call> calls = fixture.calls();
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0).method()).isEqualTo("chat.postMessage");
    assertThat(calls.get(0).form()).containsEntry("channel", "C1").doesNotContainKey("thread_ts");
    assertThat(calls.get(0).text()).isEqualTo("🔴 GitalyDown is firing: summary of k1");
    assertThat(calls.get(0).form().get("blocks")).contains("🔴 GitalyDown", "Runbook");
    assertThat(fixture.inbox.pending(10)).isEmpty();
    assertThat(fixture.counter(AlertDelivery.DELIVERED, "kind", "parent")).isEqualTo(1.0);
  }

  @Test
  void deliverOnce_whenTheSameAlertIsSentAgain_updatesTheParentInPlaceWithoutAReply() {
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));
    worker.deliverOnce();
    fixture.inbox.accept(List.of(gitalyDown("g1", "k2")));
    fixture.clock.advance(Duration.ofSeconds(1));

    assertThat(worker.deliverOnce()).isEqualTo(1);

    List<Call> calls = fixture.calls();
    assertThat(calls).extracting(Call::method).containsExactly("chat.postMessage", "chat.update");
    assertThat(calls.get(1).form()).containsEntry("ts", calls.get(0).ts());
    assertThat(calls.get(1).text()).isEqualTo("🔴 GitalyDown is firing: summary of k2");
    assertThat(fixture.counter(AlertDelivery.DELIVERED, "kind", "update")).isEqualTo(1.0);
  }

  @Test
  void deliverOnce_whenAnotherInstanceOfTheGroupFires_updatesTheParentAndRepliesOnce() {
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));
    worker.deliverOnce();
    fixture.inbox.accept(
        List.of(
            firing(
                "g1",
                "k2",
                Map.of("alertname", "GitalyDown", "severity", "critical", "pod", "gitaly-1")),
            firing(
                "g1",
                "k3",
                Map.of("alertname", "GitalyDown", "severity", "critical", "pod", "gitaly-2"))));
    fixture.clock.advance(Duration.ofSeconds(1));

    assertThat(worker.deliverOnce()).isEqualTo(2);

    List<Call> calls = fixture.calls();
    assertThat(calls)
        .extracting(Call::method)
        .containsExactly("chat.postMessage", "chat.update", "chat.postMessage");
    assertThat(calls.get(1).form()).containsEntry("ts", calls.get(0).ts());
    assertThat(calls.get(1).text()).isEqualTo("🔴 GitalyDown is firing: 3 alerts");
    assertThat(calls.get(1).form().get("blocks"))
        .contains("pod\\u003dgitaly-1", "pod\\u003dgitaly-2");
    assertThat(calls.get(2).threadTs()).isEqualTo(calls.get(0).ts());
    assertThat(calls.get(2).text())
        .startsWith("🔴 3 firing: 2 more alerts firing: pod=gitaly-1, pod=gitaly-2");
  }

  @Test
  void deliverOnce_whenResolved_updatesTheParentAndRepliesWithTheDuration() {
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));
    worker.deliverOnce();
    fixture.inbox.accept(List.of(resolved(gitalyDown("g1", "k1"), Duration.ofMinutes(72))));
    fixture.clock.advance(Duration.ofSeconds(1));

    assertThat(worker.deliverOnce()).isEqualTo(1);

    List<Call> calls = fixture.calls();
    String parentTs = calls.get(0).ts();
    assertThat(calls)
        .extracting(Call::method)
        .containsExactly("chat.postMessage", "chat.update", "chat.postMessage");
    assertThat(calls.get(1).form()).containsEntry("ts", parentTs);
    assertThat(calls.get(1).text()).isEqualTo("✅ GitalyDown resolved after 1h 12m");
    assertThat(calls.get(2).threadTs()).isEqualTo(parentTs);
    assertThat(calls.get(2).text()).startsWith("✅ Resolved after 1h 12m");

    fixture.inbox.accept(List.of(gitalyDown("g1", "k3")));
    fixture.clock.advance(Duration.ofSeconds(1));
    worker.deliverOnce();
    Call reopened = fixture.calls().get(3);
    assertThat(reopened.threadTs()).as("a new thread after resolution").isNull();
    assertThat(reopened.ts()).isNotEqualTo(parentTs);
  }

  @Test
  void deliverOnce_whenTwentyGroupsOpenAtOnce_postsADigestThenOneParentPerGroupNeverMerged() {
    List<AlertEvent> storm = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      storm.add(firing("g" + i, "k" + i, Map.of("alertname", "Alert" + i, "severity", "warning")));
    }
    fixture.inbox.accept(storm);

    assertThat(worker.deliverOnce()).as("the digest delivers no row of its own").isZero();
    assertThat(fixture.calls()).hasSize(1);
    Call digest = fixture.calls().get(0);
    assertThat(digest.text()).isEqualTo("🚨 Alert storm: 20 groups firing (20 alerts)");
    for (int i = 0; i < 20; i++) {
      assertThat(digest.form().get("blocks")).contains("Alert" + i + "*");
    }

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(fixture.deliverUntilEmpty(worker, 40)).isEqualTo(20);
    List<Call> parents =
        fixture.calls().stream()
            .filter(c -> c.method().equals("chat.postMessage") && c.threadTs() == null)
            .skip(1)
            .toList();
    assertThat(parents).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(parents.get(i).text()).isEqualTo("🟠 Alert" + i + " is firing: summary of k" + i);
    }

    fixture.clock.advance(Duration.ofSeconds(1));
    worker.deliverOnce();
    Call refreshed = fixture.calls().get(fixture.calls().size() - 1);
    assertThat(refreshed.method()).isEqualTo("chat.update");
    assertThat(refreshed.form()).containsEntry("ts", digest.ts());
    assertThat(refreshed.form().get("blocks"))
        .as("each group links to its own thread")
        .contains("https://slack.com/archives/C1/p" + parents.get(7).ts().replace(".", ""));

    fixture.inbox.accept(List.of(resolved(storm.get(3), Duration.ofMinutes(5))));
    fixture.clock.advance(Duration.ofSeconds(1));
    int before = fixture.calls().size();
    worker.deliverOnce();
    List<Call> resolution = fixture.calls().subList(before, fixture.calls().size());
    assertThat(resolution)
        .extracting(Call::method)
        .containsExactly("chat.update", "chat.postMessage");
    assertThat(resolution.get(0).form()).containsEntry("ts", parents.get(3).ts());
    assertThat(resolution.get(1).threadTs()).isEqualTo(parents.get(3).ts());
  }

  @Test
  void deliverOnce_whenTwoEventsInOneSecond_secondWaitsForThePacerButOtherChannelsDoNot() {
    fixture.inbox.accept(
        List.of(
            gitalyDown("a", "a1"),
            gitalyDown("b", "b1"),
            firing("c", "c1", Map.of("alertname", "DbSlow", "team", "db"))));

    assertThat(worker.deliverOnce()).isEqualTo(2);
    assertThat(fixture.calls())
        .extracting(call -> call.form().get("channel"))
        .containsExactly("C1", "C2");

    fixture.clock.advance(Duration.ofMillis(999));
    assertThat(worker.deliverOnce()).isZero();
    assertThat(fixture.calls()).hasSize(2);

    fixture.clock.advance(Duration.ofMillis(1));
    assertThat(worker.deliverOnce()).isEqualTo(1);
    assertThat(fixture.calls()).hasSize(3);
    assertThat(fixture.calls().get(2).text()).contains("summary of b1");
  }

  @Test
  void deliverOnce_afterRestart_repliesInTheThreadOpenedBefore() {
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));
    worker.deliverOnce();
    worker.close();

    AlertDelivery restarted = fixture.newWorker();
    fixture.inbox.accept(
        List.of(
            firing(
                "g1",
                "k2",
                Map.of("alertname", "GitalyDown", "severity", "critical", "pod", "p2"))));
    assertThat(restarted.deliverOnce()).isEqualTo(1);

    List<Call> calls = fixture.calls();
    assertThat(calls).hasSize(3);
    assertThat(calls.get(1).form()).containsEntry("ts", calls.get(0).ts());
    assertThat(calls.get(1).text())
        .as("the instance from before the restart is kept")
        .contains("2 alerts");
    assertThat(calls.get(2).threadTs()).isEqualTo(calls.get(0).ts());
  }

  @Test
  void start_deliversOnItsOwnUntilClosed() {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      worker.start(executor);
      fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));

      await().atMost(Duration.ofSeconds(5)).until(() -> fixture.calls().size() == 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> fixture.inbox.pending(1).isEmpty());
    } finally {
      worker.close();
      executor.shutdownNow();
    }
  }

  static AlertEvent gitalyDown(String thread, String dedupe) {
    return firing(thread, dedupe, Map.of("alertname", "GitalyDown", "severity", "critical"));
  }

  static AlertEvent resolved(AlertEvent event, Duration lasted) {
    return new AlertEvent(
        event.source(),
        event.threadKey(),
        AlertEvent.Status.RESOLVED,
        event.severity(),
        event.title(),
        event.summary(),
        event.description(),
        event.labels(),
        event.links(),
        event.startsAt(),
        event.startsAt().plus(lasted),
        event.dedupeKey() + "-resolved");
  }
}
