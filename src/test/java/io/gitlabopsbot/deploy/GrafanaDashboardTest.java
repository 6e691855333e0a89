package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.MANIFESTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard parses and queries only metrics the bot actually exposes. */
class GrafanaDashboardTest {

  /** The bot's Prometheus names (Micrometer's names for MetricNames) plus the JVM ones we chart. */
  static final Set<String> EXPOSED =
      Set.of(
          "gitlabopsbot_commands_total",
          "gitlabopsbot_command_duration_seconds_bucket",
          "gitlabopsbot_command_duration_seconds_count",
          "gitlabopsbot_command_duration_seconds_sum",
          "gitlabopsbot_slack_api_seconds_bucket",
          "gitlabopsbot_slack_api_seconds_count",
          "gitlabopsbot_slack_api_seconds_sum",
          "gitlabopsbot_slack_api_retries_total",
          "gitlabopsbot_slack_requests_rejected_total",
          "gitlabopsbot_work_queue_depth",
          "gitlabopsbot_work_active",
          "gitlabopsbot_alerts_inbox_depth",
          "gitlabopsbot_alerts_inbox_oldest_age_seconds",
          "gitlabopsbot_alerts_received_total",
          "gitlabopsbot_alerts_duplicate_total",
          "gitlabopsbot_alerts_delivered_total",
          "gitlabopsbot_alerts_slack_ratelimited_total",
          "jvm_memory_used_bytes",
          "jvm_threads_live_threads",
          "process_cpu_usage");

  private static final Pattern METRIC =
      Pattern.compile("(?<![A-Za-z0-9_:])((?:gitlabopsbot|jvm|process)_[A-Za-z0-9_:]*)");

  /** The bot/JVM/process metric names a PromQL expression refers to. */
  static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(expr);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(MANIFESTS.resolve("grafana-dashboard.json").toFile());
  }

  /** Every PromQL query in the dashboard: panel targets and query variables. */
  private static List<String> expressions(JsonNode dashboard) {
    List<String> exprs = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    dashboard
        .path("templating")
        .path("list")
        .forEach(
            v -> {
              if ("query".equals(v.path("type").asText())) {
                exprs.add(v.path("query").path("query").asText(v.path("query").asText()));
              }
            });
    return exprs;
  }

  @Test
  void dashboard_usesAPrometheusDatasourceVariable() throws IOException {
    JsonNode dashboard = dashboard();
    assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
    assertThat(dashboard.path("templating").path("list").findValuesAsText("type"))
        .contains("datasource");
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("datasource").path("uid").asText())
          .as(panel.path("title").asText())
          .isEqualTo("${datasource}");
    }
  }

  @Test
  void dashboard_queriesOnlyExposedMetrics() throws IOException {
    List<String> exprs = expressions(dashboard());
    assertThat(exprs).hasSizeGreaterThanOrEqualTo(10);
    for (String expr : exprs) {
      assertThat(metricNames(expr)).as(expr).isNotEmpty().isSubsetOf(EXPOSED);
    }
  }

  @Test
  void dashboard_chartsTheRequiredSignals() throws IOException {
    String all = String.join("\n", expressions(dashboard()));
    assertThat(all)
        .contains("histogram_quantile(0.5, sum by (le, command)")
        .contains("histogram_quantile(0.95, sum by (le, command)")
        .contains("histogram_quantile(0.95, sum by (le, method)")
        .contains("result=~\"denied|invalid\"")
        .contains("outcome=\"ratelimited\"")
        .contains("sum by (reason)")
        .contains("area=\"heap\"");
    Set<String> used = new TreeSet<>();
    expressions(dashboard()).forEach(e -> used.addAll(metricNames(e)));
    assertThat(used)
        .contains(
            "gitlabopsbot_slack_api_retries_total",
            "gitlabopsbot_work_queue_depth",
            "gitlabopsbot_work_active");
  }

  @Test
  void metricNames_whenAMetricIsMisspelled_isCaughtBySubsetCheck() {
    Set<String> names =
        metricNames("sum(rate(gitlabopsbot_command_total[5m])) / on() jvm_memory_used_bytes");
    assertThat(names).containsExactly("gitlabopsbot_command_total", "jvm_memory_used_bytes");
    assertThat(EXPOSED).doesNotContainAnyElementsOf(Set.of("gitlabopsbot_command_total"));
  }
}
