package io.gitlabopsbot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional PrometheusRule, evaluated by Prometheus's own rule tester ({@code promtool test
 * rules}, Debian package {@code prometheus}) against series shaped like the bot's metrics.
 */
class BackupPrometheusRuleTest {

  private static final Path RULE = Path.of("manifests/optional/prometheusrule-backups.yaml");
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @TempDir Path dir;

  private static void requirePromtool() {
    if (!Files.isExecutable(PROMTOOL)) {
      if (System.getenv("CI") != null) {
        fail("promtool (Debian package prometheus) is missing; CI is set, so this must run");
      }
      Assumptions.assumeTrue(false, "promtool is not installed; skipping");
    }
  }

  /** The rule groups of the PrometheusRule, as a plain Prometheus rule file. */
  private Path ruleFile() throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode rule = yaml.readTree(RULE.toFile());
    assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
    Path file = dir.resolve("rules.yaml");
    yaml.writeValue(file.toFile(), rule.path("spec"));
    return file;
  }

  private String promtool(String... args) throws Exception {
    Process process =
        new ProcessBuilder(List.of(args)).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void rules_areValidPrometheusRules() throws Exception {
    requirePromtool();

    String out = promtool(PROMTOOL.toString(), "check", "rules", ruleFile().toString());

    assertThat(out).contains("SUCCESS: 2 rules found");
  }

  @Test
  void backupMissing_firesForATargetWithNoSuccessIn26hAndNotForOneBackedUpDaily() throws Exception {
    requirePromtool();
    ruleFile();
    // Time starts at 0 in promtool, one sample a minute. "production" succeeded at 0 and again at
    // 24 h; "staging" at 0 only; two replicas report production, one of them never saw the second
    // backup (the newest value across replicas counts).
    Files.writeString(
        dir.resolve("test.yaml"),
        """
        rule_files: [rules.yaml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'gitlabopsbot_backup_last_success_timestamp_seconds{target="production",pod="a"}'
                values: '0x1439 86400x400'
              - series: 'gitlabopsbot_backup_last_success_timestamp_seconds{target="production",pod="b"}'
                values: '0x1840'
              - series: 'gitlabopsbot_backup_last_success_timestamp_seconds{target="staging",pod="a"}'
                values: '0x1840'
            alert_rule_test:
              - eval_time: 25h
                alertname: GitLabBackupMissing
                exp_alerts: []
              - eval_time: 27h
                alertname: GitLabBackupMissing
                exp_alerts:
                  - exp_labels: {severity: critical, target: staging}
                    exp_annotations:
                      summary: No GitLab backup of staging succeeded in the last 26 hours
                      description: >-
                        The newest successful backup of target staging is 1d 3h 0m 0s old (0
                        means the bot has seen none since it started and found none in the
                        bucket). Run `/gitlab status` and `/gitlab backup list` in Slack;
                        `/gitlab backup now` takes one.
              - eval_time: 2h
                alertname: GitLabBackupMetricsAbsent
                exp_alerts: []
        """);

    String out = promtool(PROMTOOL.toString(), "test", "rules", "test.yaml");

    assertThat(out).contains("SUCCESS");
  }
}
