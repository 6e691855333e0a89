package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.metrics.MetricHelp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupMetricsTest {

  private static final Instant AT = Instant.parse("2026-12-03T01:42:00Z");

  private final PrometheusMeterRegistry registry = registry();

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MetricHelp());
    return registry;
  }

  @Test
  void ended_whenABackupSucceeds_exposesItsTimeSizeAndDurationWithHelpTexts() {
    BackupMetrics metrics = new BackupMetrics(registry);

    metrics.ended(
        "production",
        new BackupOutcome.Succeeded("b", "k", 5_368_709_120L, Duration.ofMinutes(42)),
        AT);

    String scrape = registry.scrape();
    assertThat(scrape)
        .contains(
            "gitlabopsbot_backup_last_success_timestamp_seconds{target=\"production\"} "
                + (double) AT.getEpochSecond())
        .contains("gitlabopsbot_backup_last_size_bytes{target=\"production\"} 5.36870912E9")
        .contains("gitlabopsbot_backup_last_failure_timestamp_seconds{target=\"production\"} 0.0")
        .contains("gitlabopsbot_backup_duration_seconds_bucket{target=\"production\",le=")
        .contains("gitlabopsbot_backup_duration_seconds_sum{target=\"production\"} 2520.0")
        .contains("gitlabopsbot_backups_total{result=\"succeeded\",target=\"production\"} 1.0")
        .contains("# HELP gitlabopsbot_backup_last_success_timestamp_seconds When the last backup");
  }

  @Test
  void ended_whenABackupFails_setsTheFailureTimeAndKeepsTheLastSuccess() {
    BackupMetrics metrics = new BackupMetrics(registry);
    metrics.seed("production", AT.minus(Duration.ofDays(1)), 100);

    metrics.ended("production", new BackupOutcome.Failed("no", ""), AT);
    metrics.ended("production", new BackupOutcome.Refused("already running"), AT);

    assertThat(registry.scrape())
        .contains(
            "gitlabopsbot_backup_last_failure_timestamp_seconds{target=\"production\"} "
                + (double) AT.getEpochSecond())
        .contains(
            "gitlabopsbot_backup_last_success_timestamp_seconds{target=\"production\"} "
                + (double) AT.minus(Duration.ofDays(1)).getEpochSecond())
        .contains("gitlabopsbot_backups_total{result=\"failed\",target=\"production\"} 1.0")
        .doesNotContain("result=\"refused\"");
  }

  @Test
  void track_exposesATargetAtZeroBeforeAnythingIsKnown() {
    new BackupMetrics(registry).track("staging");

    assertThat(registry.scrape())
        .contains("gitlabopsbot_backup_last_success_timestamp_seconds{target=\"staging\"} 0.0");
  }

  @Test
  void seed_neverMovesTheLastSuccessBack() {
    BackupMetrics metrics = new BackupMetrics(registry);
    metrics.ended(
        "production", new BackupOutcome.Succeeded("b", "k", 7, Duration.ofMinutes(1)), AT);

    metrics.seed("production", AT.minus(Duration.ofHours(5)), 3);

    assertThat(registry.scrape())
        .contains(
            "gitlabopsbot_backup_last_success_timestamp_seconds{target=\"production\"} "
                + (double) AT.getEpochSecond())
        .contains("gitlabopsbot_backup_last_size_bytes{target=\"production\"} 7.0");
  }
}
