package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertMessagesTest {

  private final AlertMessages messages = new AlertMessages();

  @Test
  void parent_showsSeverityTitleSummaryUsefulLabelsAndLinks() {
    Message parent = messages.parent(event("critical", "GitalyDown", "Gitaly is down"));

    assertThat(parent.blocks().get(0)).isEqualTo(new Block.Header("🔴 GitalyDown"));
    assertThat(parent.blocks()).contains(new Block.Section("Gitaly is down\nno &lt;b&gt; here"));
    Block.Fields fields = single(parent, Block.Fields.class);
    assertThat(fields.fields())
        .containsExactly(
            new Block.Field("Severity", "critical"),
            new Block.Field("namespace", "gitlab"),
            new Block.Field("pod", "gitaly-0"));
    assertThat(single(parent, Block.Context.class).markdown())
        .isEqualTo(
            "<https://runbooks/gitaly?a=1&amp;b=2|Runbook> · <https://prom/graph%7Cx|Source>"
                + " · from alertmanager");
    assertThat(parent.text()).isEqualTo("🔴 GitalyDown is firing: Gitaly is down");
  }

  @ParameterizedTest
  @CsvSource({"critical,🔴", "warning,🟠", "info,🔵", "unknown,⚪", "'',⚪", "CRITICAL,🔴"})
  void parent_headerEmojiFollowsSeverity(String severity, String emoji) {
    assertThat(messages.parent(event(severity, "A", "s")).blocks().get(0))
        .isEqualTo(new Block.Header(emoji + " A"));
  }

  @Test
  void parent_whenTextTriesToPingOrIsHuge_isEscapedAndBounded() {
    AlertEvent hostile =
        withText("<!channel> & <@U123>", "x".repeat(10_000) + "<!here>", "javascript:alert(1)");

    Message parent = messages.parent(hostile);

    String section = single(parent, Block.Section.class).markdown();
    assertThat(section).startsWith("&lt;!channel&gt; &amp; &lt;@U123&gt;\n").doesNotContain("<");
    assertThat(section.length())
        .isLessThan(AlertMessages.MAX_SUMMARY + AlertMessages.MAX_DESCRIPTION);
    assertThat(single(parent, Block.Context.class).markdown()).isEqualTo("from alertmanager");
    assertThat(new BlockKitRenderer().fallbackText(parent)).doesNotContain("<!channel>");
  }

  @Test
  void resolvedParent_saysHowLongItLasted() {
    AlertEvent event = event("warning", "DiskFull", "disk 95%");

    Message parent = messages.resolvedParent(event, Duration.ofMinutes(72));

    assertThat(parent.blocks().get(0)).isEqualTo(new Block.Header("✅ DiskFull"));
    assertThat(parent.blocks())
        .contains(new Block.Section("*Resolved* after 1h 12m (was warning)"));
  }

  @ParameterizedTest
  @CsvSource({"PT45S,45s", "PT5M,5m", "PT1H12M30S,1h 12m", "PT2H,2h", "P2DT3H,2d 3h", "PT0S,0s"})
  void duration_isShortAndCoarse(Duration duration, String text) {
    assertThat(AlertMessageText.duration(duration)).isEqualTo(text);
  }

  private static <T extends Block> T single(Message message, Class<T> type) {
    List<T> found = message.blocks().stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  static AlertEvent event(String severity, String title, String summary) {
    return new AlertEvent(
        "alertmanager",
        "group-" + title,
        AlertEvent.Status.FIRING,
        severity,
        title,
        summary,
        "no <b> here",
        Map.of(
            "alertname", title,
            "severity", severity,
            "namespace", "gitlab",
            "pod", "gitaly-0",
            "instance", "10.0.0.1:9090",
            "prometheus", "monitoring/k8s"),
        List.of(
            new AlertEvent.Link("Runbook", "https://runbooks/gitaly?a=1&b=2"),
            new AlertEvent.Link("Source", "https://prom/graph|x")),
        Instant.parse("2026-11-25T17:00:00Z"),
        null,
        "dedupe-" + title + summary);
  }

  static AlertEvent resolved(AlertEvent event) {
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
        event.startsAt().plus(Duration.ofMinutes(72)),
        event.dedupeKey() + "-resolved");
  }

  private static AlertEvent withText(String summary, String description, String url) {
    return new AlertEvent(
        "alertmanager",
        "g",
        AlertEvent.Status.FIRING,
        "critical",
        "A",
        summary,
        description,
        Map.of(),
        List.of(new AlertEvent.Link("Runbook", url)),
        Instant.parse("2026-11-25T17:00:00Z"),
        null,
        "d");
  }
}
