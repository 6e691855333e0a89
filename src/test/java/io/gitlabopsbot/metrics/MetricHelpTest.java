package io.gitlabopsbot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MetricHelpTest {

  private static final Pattern HELP = Pattern.compile("(?m)^# HELP (\\S+)(.*)$");

  @Test
  void everyMeterInTheTable_isScrapedWithItsHelpText() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new MetricHelp());
    for (String name : MetricHelp.HELP.keySet()) {
      if (name.endsWith("duration") || name.endsWith("api") || name.endsWith("http.requests")) {
        registry.timer(name, "t", "x").record(Duration.ofMillis(5));
      } else {
        registry.counter(name, "t", "x").increment();
      }
    }

    String scrape = registry.scrape();

    Matcher m = HELP.matcher(scrape);
    int seen = 0;
    while (m.find()) {
      if (m.group(1).startsWith("gitlabopsbot_")) {
        seen++;
        assertThat(m.group(2).strip()).as("HELP of " + m.group(1)).isNotEmpty();
      }
    }
    assertThat(seen).isGreaterThanOrEqualTo(MetricHelp.HELP.size());
  }

  @Test
  void aMeterWithoutAnEntry_wouldBeScrapedWithoutHelp_soTheTableIsNeeded() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("gitlabopsbot.unlisted").increment();

    Matcher m = HELP.matcher(registry.scrape());

    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo("gitlabopsbot_unlisted_total");
    assertThat(m.group(2).strip()).isEmpty();
  }
}
