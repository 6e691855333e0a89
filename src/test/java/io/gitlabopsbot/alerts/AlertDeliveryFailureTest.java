package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.gitlabopsbot.alerts.AlertDeliveryTest.gitalyDown;
import static io.gitlabopsbot.alerts.AlertDeliveryTest.resolved;
import static io.gitlabopsbot.alerts.AlertEvents.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.gitlabopsbot.alerts.AlertDeliveryFixture.Call;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDeliveryFailureTest {

  private final AlertDeliveryFixture fixture = new AlertDeliveryFixture();
  private final AlertDelivery worker = fixture.newWorker();

  @AfterEach
  void close() {
    worker.close();
    fixture.close();
  }

  @Test
  void deliverOnce_whenRateLimited_waitsRetryAfterThenDeliversEverythingInOrder() {
    fixture.slack.stubFor(
        post("/api/chat.postMessage")
            .atPriority(1)
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30"))
            .willSetStateTo("open"));
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1"), gitalyDown("g1", "k2")));

    assertThat(worker.deliverOnce()).isZero();
    assertThat(fixture.counter(AlertDelivery.FAILED, "reason", "ratelimited"))
        .as("both rows of the group")
        .isEqualTo(2.0);

    fixture.clock.advance(Duration.ofSeconds(29));
    assertThat(worker.deliverOnce()).as("still inside Retry-After").isZero();
    assertThat(fixture.calls()).hasSize(1);

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(worker.deliverOnce()).as("both rows of the group in one parent").isEqualTo(2);

    List<Call> accepted = fixture.accepted();
    assertThat(accepted)
        .extracting(Call::text)
        .containsExactly("🔴 GitalyDown is firing: summary of k2");
    assertThat(fixture.inbox.pending(10)).isEmpty();
    assertThat(fixture.counter(AlertMetrics.SLACK_RATELIMITED, "channel", "C1")).isEqualTo(1.0);
  }

  @Test
  void deliverOnce_whenSlackDownForAWhile_retriesWithBackoffAndKeepsEachThreadInOrder() {
    StubMapping down =
        fixture.slack.stubFor(
            post("/api/chat.postMessage").atPriority(1).willReturn(aResponse().withStatus(500)));
    fixture.inbox.accept(
        List.of(
            gitalyDown("a", "a1"),
            firing("b", "b1", Map.of("alertname", "DiskFull", "severity", "warning")),
            gitalyDown("a", "a2")));
    fixture.inbox.accept(List.of(resolved(gitalyDown("a", "a3"), Duration.ofMinutes(10))));

    // Three minutes of outage: every due row fails, attempts grow, nothing is marked delivered.
    for (int second = 0; second < 180; second++) {
      assertThat(worker.deliverOnce()).isZero();
      fixture.clock.advance(Duration.ofSeconds(1));
    }
    // Backoff 1, 2, 4 … s per thread: about 7 attempts each for a and b, not one per second.
    assertThat(fixture.calls()).hasSizeBetween(10, 20);
    assertThat(fixture.counter(AlertDelivery.FAILED, "reason", "http_500")).isGreaterThan(4.0);

    fixture.slack.removeStub(down);
    assertThat(fixture.deliverUntilEmpty(worker, 400)).isEqualTo(4);

    // Group a fired and resolved while Slack was down: its parent opens with what fired and is
    // then resolved in place.
    List<Call> accepted = fixture.accepted();
    assertThat(accepted)
        .extracting(Call::text)
        .containsExactlyInAnyOrder(
            "🔴 GitalyDown is firing: summary of a2",
            "🟠 DiskFull is firing: summary of b1",
            "✅ GitalyDown resolved after 10m",
            "✅ Resolved after 10m: GitalyDown");
    String parentA =
        accepted.stream().filter(c -> c.text().contains("a2")).findFirst().orElseThrow().ts();
    assertThat(accepted)
        .filteredOn(c -> c.text().startsWith("✅"))
        .allMatch(c -> parentA.equals(c.threadTs()) || parentA.equals(c.form().get("ts")));
    assertThat(accepted).filteredOn(c -> c.text().contains("DiskFull")).hasSize(1);
  }
}
