package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.alerts.AlertDeliveryFixture.Call;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's storm on both stores: one parent per group whatever the load, a digest that names
 * every group first and ends with the storm, and resolution in place without new messages.
 */
class AlertStormDeliveryTest {

  private static final Instant STARTS = Instant.parse("2026-11-25T16:40:00Z");
  private AlertDeliveryFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void storm_ofTenGroupsOfHundredAlerts_digestFirstThenOneParentPerGroupThenResolvedInPlace(
      TestDatabases.Kind kind) {
    fixture = new AlertDeliveryFixture(kind.get());
    AlertDelivery worker = fixture.newWorker();
    for (int g = 0; g < 10; g++) {
      assertThat(fixture.inbox.accept(group(g, AlertEvent.Status.FIRING))).isEqualTo(100);
    }

    worker.deliverOnce();
    Call digest = fixture.calls().get(0);
    assertThat(digest.text()).isEqualTo("🚨 Alert storm: 10 groups firing (1000 alerts)");
    for (int g = 0; g < 10; g++) {
      assertThat(digest.form().get("blocks")).contains("*Storm" + g + "* · warning · 100 firing");
    }
    for (int pass = 0; pass < 10; pass++) {
      fixture.clock.advance(Duration.ofSeconds(1));
      worker.deliverOnce();
    }
    assertThat(fixture.undelivered()).isZero();
    List<Call> firing = fixture.calls();
    assertThat(firing).as("a digest and ten parents, one second apart").hasSize(11);
    List<Call> parents = firing.subList(1, 11);
    for (int g = 0; g < 10; g++) {
      Call parent = parents.get(g);
      assertThat(parent.threadTs()).isNull();
      assertThat(parent.text()).isEqualTo("🟠 Storm" + g + " is firing: 100 alerts");
      for (int other = 0; other < 10; other++) {
        if (other != g) {
          assertThat(parent.form().get("blocks")).doesNotContain("Storm" + other);
        }
      }
      assertThat(parent.form().get("blocks")).contains("… and 90 more");
    }

    fixture.clock.advance(Duration.ofSeconds(1));
    worker.deliverOnce();
    Call refreshed = fixture.calls().get(11);
    assertThat(refreshed.method()).isEqualTo("chat.update");
    assertThat(refreshed.form()).containsEntry("ts", digest.ts());
    assertThat(refreshed.form().get("blocks")).doesNotContain("posting");

    for (int g = 0; g < 10; g++) {
      fixture.inbox.accept(group(g, AlertEvent.Status.RESOLVED));
    }
    for (int pass = 0; pass < 30; pass++) {
      fixture.clock.advance(Duration.ofSeconds(1));
      worker.deliverOnce();
    }
    List<Call> resolution = fixture.calls().subList(12, fixture.calls().size());
    Set<String> parentTs = new HashSet<>();
    parents.forEach(parent -> parentTs.add(parent.ts()));
    Set<String> updated = new HashSet<>();
    int replies = 0;
    for (Call call : resolution) {
      if (call.method().equals("chat.update") && parentTs.contains(call.form().get("ts"))) {
        updated.add(call.form().get("ts"));
        assertThat(call.text()).matches("✅ Storm\\d resolved after 5m \\(100 alerts\\)");
      } else if (call.method().equals("chat.postMessage")) {
        assertThat(call.threadTs()).as("no new top-level message").isIn(parentTs);
        replies++;
      }
    }
    assertThat(updated).as("every parent updated in place").isEqualTo(parentTs);
    assertThat(replies).isEqualTo(10);
    Call last = resolution.get(resolution.size() - 1);
    assertThat(last.form()).containsEntry("ts", digest.ts());
    assertThat(last.text()).isEqualTo("✅ Alert storm over: 10 groups resolved");
    assertThat(fixture.undelivered()).isZero();

    int before = fixture.calls().size();
    fixture.clock.advance(Duration.ofSeconds(30));
    worker.deliverOnce();
    assertThat(fixture.calls()).as("an ended digest is left alone").hasSize(before);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void fewGroups_getTheirParentsWithoutADigest(TestDatabases.Kind kind) {
    fixture = new AlertDeliveryFixture(kind.get());
    AlertDelivery worker = fixture.newWorker();
    for (int g = 0; g < AlertDelivery.DEFAULT_DIGEST_ABOVE; g++) {
      fixture.inbox.accept(group(g, AlertEvent.Status.FIRING).subList(0, 3));
    }

    assertThat(fixture.deliverUntilEmpty(worker, 20)).isEqualTo(15);

    assertThat(fixture.calls())
        .extracting(Call::text)
        .containsExactly(
            "🟠 Storm0 is firing: 3 alerts",
            "🟠 Storm1 is firing: 3 alerts",
            "🟠 Storm2 is firing: 3 alerts",
            "🟠 Storm3 is firing: 3 alerts",
            "🟠 Storm4 is firing: 3 alerts");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void groupsOpeningWithinAMinute_countTowardsTheStorm(TestDatabases.Kind kind) {
    fixture = new AlertDeliveryFixture(kind.get());
    AlertDelivery worker = fixture.newWorker();
    for (int g = 0; g < 4; g++) {
      fixture.inbox.accept(group(g, AlertEvent.Status.FIRING).subList(0, 1));
    }
    fixture.deliverUntilEmpty(worker, 10);
    fixture.clock.advance(Duration.ofSeconds(20));
    for (int g = 4; g < 6; g++) {
      fixture.inbox.accept(group(g, AlertEvent.Status.FIRING).subList(0, 1));
    }

    worker.deliverOnce();

    Call digest = fixture.calls().get(4);
    assertThat(digest.text()).isEqualTo("🚨 Alert storm: 6 groups firing (6 alerts)");
    assertThat(digest.form().get("blocks"))
        .contains("https://slack.com/archives/C1/p" + fixture.calls().get(0).ts().replace(".", ""));
  }

  private static List<AlertEvent> group(int g, AlertEvent.Status status) {
    List<AlertEvent> alerts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Map<String, String> labels =
          Map.of("alertname", "Storm" + g, "severity", "warning", "pod", "webservice-" + i);
      alerts.add(
          new AlertEvent(
              "alertmanager",
              "{}:{alertname=\"Storm" + g + "\"}",
              status,
              "warning",
              "Storm" + g,
              "storm alert " + i,
              "",
              labels,
              List.of(),
              STARTS,
              status == AlertEvent.Status.RESOLVED ? STARTS.plusSeconds(300) : null,
              "Storm" + g + "-" + i + "-" + status,
              Map.of("alertname", "Storm" + g)));
    }
    return alerts;
  }
}
