package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.gitlabopsbot.alerts.AlertDeliveryTest.gitalyDown;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDeliveryMetricsTest {

  private final AlertDeliveryFixture fixture = new AlertDeliveryFixture();
  private final AlertDelivery worker = fixture.newWorker();

  @AfterEach
  void close() {
    worker.close();
    fixture.close();
  }

  @Test
  void gauges_showTheInboxDepthAndTheAgeOfTheOldestUndeliveredAlert() {
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1"), gitalyDown("g2", "k2")));
    fixture.clock.advance(Duration.ofSeconds(42));

    assertThat(gauge(AlertMetrics.INBOX_DEPTH)).isEqualTo(2.0);
    assertThat(gauge(AlertMetrics.INBOX_OLDEST_AGE)).isEqualTo(42.0);

    fixture.deliverUntilEmpty(worker, 5);

    assertThat(gauge(AlertMetrics.INBOX_DEPTH)).isZero();
    assertThat(gauge(AlertMetrics.INBOX_OLDEST_AGE)).isZero();
    assertThat(fixture.counter(AlertMetrics.DELIVERED, "kind", "parent")).isEqualTo(2.0);
  }

  @Test
  void ratelimits_areCountedPerChannel() {
    fixture.slack.stubFor(
        post("/api/chat.postMessage")
            .atPriority(1)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
    fixture.inbox.accept(List.of(gitalyDown("g1", "k1")));

    worker.deliverOnce();
    fixture.clock.advance(Duration.ofSeconds(3));
    worker.deliverOnce();

    assertThat(fixture.counter(AlertMetrics.SLACK_RATELIMITED, "channel", "C1")).isEqualTo(2.0);
  }

  @Test
  void prometheus_showsEveryAlertMeterWithItsHelpText() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JdbcAlertInbox inbox =
        new JdbcAlertInbox(
            fixture.database.dataSource(), AlertDeliveryFixture.ROUTES, fixture.clock, prometheus);
    AlertMetrics.inboxGauges(prometheus, inbox, fixture.clock);
    AlertMetrics.counter(prometheus, AlertMetrics.RECEIVED, "source", "alertmanager");
    AlertMetrics.counter(prometheus, AlertMetrics.DUPLICATE, "source", "alertmanager");
    AlertMetrics.counter(prometheus, AlertMetrics.DELIVERED, "kind", "parent");
    AlertMetrics.counter(prometheus, AlertMetrics.SLACK_RATELIMITED, "channel", "C1");

    String scrape = prometheus.scrape();

    assertThat(scrape)
        .contains(
            "# HELP gitlabopsbot_alerts_inbox_depth Alert events waiting for delivery to Slack",
            "# HELP gitlabopsbot_alerts_inbox_oldest_age_seconds Age of the oldest alert event",
            "# HELP gitlabopsbot_alerts_received_total Alert events received",
            "# HELP gitlabopsbot_alerts_duplicate_total Received alert events that were already",
            "# HELP gitlabopsbot_alerts_delivered_total Alert events delivered to Slack",
            "# HELP gitlabopsbot_alerts_slack_ratelimited_total Slack 429",
            "gitlabopsbot_alerts_slack_ratelimited_total{channel=\"C1\"} 0");
  }

  private double gauge(String name) {
    Gauge gauge = fixture.registry.find(name).gauge();
    assertThat(gauge).as(name).isNotNull();
    return gauge.value();
  }
}
