package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.slack.BlockKitRenderer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertGroupMessagesTest {

  private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
  private final AlertGroupMessages messages = new AlertGroupMessages();
  private final AlertMessages.ParentControls controls =
      new AlertMessages.ParentControls("0123456789abcdef0123456789abcdef", true, null);

  @Test
  void parent_ofAGroup_namesItWithCommonLabelsCountsAndWhatSetsEachInstanceApart() {
    AlertGroupState state =
        state(
            instance(1, "webservice-0", "warning", AlertEvent.Status.FIRING),
            instance(2, "webservice-1", "critical", AlertEvent.Status.FIRING),
            instance(3, "webservice-2", "warning", AlertEvent.Status.RESOLVED));

    Message parent = messages.parent(state, AlertGroupMessages.Shown.firing(controls));

    assertThat(parent.text()).isEqualTo("🔴 PodDown is firing: 2 alerts, 1 resolved");
    assertThat(parent.blocks().get(0)).isEqualTo(new Block.Header("🔴 PodDown"));
    assertThat(single(parent, Block.Fields.class).fields())
        .containsExactly(
            new Block.Field("Severity", "critical"),
            new Block.Field("Alerts", "2 firing, 1 resolved"),
            new Block.Field("namespace", "gitlab"));
    String list = sections(parent).get(sections(parent).size() - 1);
    assertThat(list)
        .contains("`pod=webservice-0`", "`pod=webservice-1`")
        .doesNotContain("webservice-2")
        .contains("<http://prometheus/graph?pod=webservice-1|graph>");
    assertThat(single(parent, Block.Context.class).markdown())
        .contains("|Runbook>", "|Alertmanager>")
        .doesNotContain("|Source>");
    assertThat(single(parent, Block.Actions.class).buttons())
        .extracting(Block.Button::label)
        .containsExactly("Acknowledge", "Silence 1h", "Silence 4h", "Silence 24h");
  }

  @Test
  void parent_whenEveryInstanceResolved_showsTheCheckMarkTheDurationAndNoButtons() {
    AlertGroupState state =
        state(
            instance(1, "webservice-0", "critical", AlertEvent.Status.RESOLVED),
            instance(2, "webservice-1", "warning", AlertEvent.Status.RESOLVED));

    Message parent =
        messages.parent(state, new AlertGroupMessages.Shown(controls, Duration.ofMinutes(72), T0));

    assertThat(parent.text()).isEqualTo("✅ PodDown resolved after 1h 12m (2 alerts)");
    assertThat(parent.blocks())
        .contains(new Block.Section("*Resolved* after 1h 12m (was critical)"));
    assertThat(parent.blocks()).noneMatch(Block.Actions.class::isInstance);
  }

  @Test
  void parent_ofAHugeGroupWithHugeAnnotations_staysInsideSlacksLimits() {
    List<AlertGroupState.Instance> instances = new ArrayList<>();
    String huge = "<!channel> annotation ".repeat(20_000);
    String hugeValue = "v".repeat(5000);
    for (int i = 0; i < 10_000; i++) {
      Map<String, String> labels = new HashMap<>();
      labels.put("alertname", "PodDown");
      labels.put("pod", "webservice-" + i + "-" + "p".repeat(3000));
      for (int l = 0; l < 30; l++) {
        labels.put("label" + l, hugeValue);
      }
      instances.add(
          new AlertGroupState.Instance(
              "k" + i,
              new AlertEvent(
                  "alertmanager",
                  "g",
                  AlertEvent.Status.FIRING,
                  "critical",
                  "PodDown" + "X".repeat(500),
                  huge,
                  huge,
                  labels,
                  List.of(
                      new AlertEvent.Link("Runbook", "https://runbooks/" + "r".repeat(1000)),
                      new AlertEvent.Link("Source", "http://prometheus/graph?" + i),
                      new AlertEvent.Link("Alertmanager", "http://am/#/alerts?filter=x")),
                  T0,
                  null,
                  "d" + i,
                  Map.of("alertname", "PodDown")),
              i));
    }
    AlertGroupState state = new AlertGroupState(toMap(instances));

    Message parent = messages.parent(state, AlertGroupMessages.Shown.firing(controls));

    assertWithinSlackLimits(parent);
    assertThat(String.join("\n", sections(parent)))
        .containsPattern(
            "… and 99\\d\\d more — <http://am/#/alerts\\?filter=x\\|all of them in Alertmanager>$")
        .doesNotContain("<!channel>");
    Message resolved =
        messages.parent(
            new AlertGroupState(toMap(instances)).apply(List.of()).state(),
            new AlertGroupMessages.Shown(controls, Duration.ofDays(3), T0));
    assertWithinSlackLimits(resolved);
  }

  @Test
  void reply_isWorthSendingOnlyForNewFiringInstancesARaisedSeverityOrTheEnd() {
    AlertGroupState one = state(instance(1, "webservice-0", "warning", AlertEvent.Status.FIRING));
    AlertGroupState.Applied same =
        one.apply(List.of(row(4, "webservice-0", "warning", AlertEvent.Status.FIRING)));
    assertThat(messages.reply(one, same.state(), same.newlyFiring(), null)).isNull();

    AlertGroupState.Applied more =
        one.apply(
            List.of(
                row(5, "webservice-1", "warning", AlertEvent.Status.FIRING),
                row(6, "webservice-2", "critical", AlertEvent.Status.FIRING)));
    Message reply = messages.reply(one, more.state(), more.newlyFiring(), null);
    assertThat(reply.text())
        .isEqualTo(
            "🔴 3 firing: Severity raised to critical (was warning). 2 more alerts firing:"
                + " pod=webservice-1, pod=webservice-2");

    AlertGroupState.Applied partly =
        more.state().apply(List.of(row(7, "webservice-2", "critical", AlertEvent.Status.RESOLVED)));
    assertThat(messages.reply(more.state(), partly.state(), partly.newlyFiring(), null))
        .as("a partial resolution only updates the parent")
        .isNull();

    AlertGroupState.Applied over =
        partly
            .state()
            .apply(
                List.of(
                    row(8, "webservice-0", "warning", AlertEvent.Status.RESOLVED),
                    row(9, "webservice-1", "warning", AlertEvent.Status.RESOLVED)));
    assertThat(
            messages
                .reply(partly.state(), over.state(), over.newlyFiring(), Duration.ofMinutes(5))
                .text())
        .isEqualTo("✅ All 3 resolved after 5m: PodDown");
  }

  @Test
  void digest_ofThousandsOfGroups_namesWhatFitsLinksPostedOnesAndStaysInsideSlacksLimits() {
    List<AlertDigestMessages.Line> lines = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      lines.add(
          new AlertDigestMessages.Line(
              "g" + i,
              "Group" + i + "Y".repeat(i % 7 == 0 ? 5000 : 0),
              i % 2 == 0 ? "critical" : "warning",
              100,
              3,
              i % 5 != 0,
              i < 10 ? new MessageRef("C1", "1700000000.00010" + i) : null));
    }

    Message digest = new AlertDigestMessages().digest(lines, null, false);

    assertWithinSlackLimits(digest);
    String all = String.join("\n", sections(digest));
    assertThat(digest.text()).isEqualTo("🚨 Alert storm: 4000 groups firing (500000 alerts)");
    assertThat(all)
        .contains("<https://slack.com/archives/C1/p1700000000000101|Group1>")
        .contains("*Group11* · warning · 100 firing, 3 resolved · _posting…_")
        .contains("✅ <https://slack.com/archives/C1/p1700000000000100|Group0")
        .containsPattern("… and \\d+ more groups$");
    Message over =
        new AlertDigestMessages().digest(lines.subList(0, 3), Duration.ofMinutes(9), true);
    assertThat(over.text()).isEqualTo("✅ Alert storm over: 3 groups resolved");
  }

  static void assertWithinSlackLimits(Message message) {
    assertThat(message.blocks().size()).isLessThanOrEqualTo(50);
    int total = message.text().length();
    for (Block block : message.blocks()) {
      if (block instanceof Block.Header header) {
        assertThat(header.text().length()).isLessThanOrEqualTo(150);
        total += header.text().length();
      } else if (block instanceof Block.Section section) {
        assertThat(section.markdown().length()).isLessThanOrEqualTo(3000);
        total += section.markdown().length();
      } else if (block instanceof Block.Context context) {
        assertThat(context.markdown().length()).isLessThanOrEqualTo(3000);
        total += context.markdown().length();
      } else if (block instanceof Block.Fields fields) {
        assertThat(fields.fields().size()).isLessThanOrEqualTo(10);
        for (Block.Field field : fields.fields()) {
          assertThat(field.label().length() + field.value().length()).isLessThan(2000);
          total += field.label().length() + field.value().length();
        }
      }
    }
    assertThat(message.text().length()).isLessThanOrEqualTo(3000);
    assertThat(total).as("characters in the whole message").isLessThan(40_000);
    // The renderer would cut silently; nothing here may depend on it.
    assertThat(new BlockKitRenderer().render(message)).hasSize(message.blocks().size());
  }

  private static List<String> sections(Message message) {
    return message.blocks().stream()
        .filter(Block.Section.class::isInstance)
        .map(block -> ((Block.Section) block).markdown())
        .toList();
  }

  private static <T extends Block> T single(Message message, Class<T> type) {
    List<T> found = message.blocks().stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static AlertGroupState state(AlertGroupState.Instance... instances) {
    return new AlertGroupState(toMap(List.of(instances)));
  }

  private static Map<String, AlertGroupState.Instance> toMap(List<AlertGroupState.Instance> list) {
    Map<String, AlertGroupState.Instance> map = new java.util.LinkedHashMap<>();
    list.forEach(instance -> map.put(instance.key(), instance));
    return map;
  }

  private static AlertGroupState.Instance instance(
      long row, String pod, String severity, AlertEvent.Status status) {
    AlertEvent event = event(pod, severity, status);
    return new AlertGroupState.Instance(AlertGroupState.key(event), event, row);
  }

  private static PendingAlert row(long id, String pod, String severity, AlertEvent.Status status) {
    return new PendingAlert(id, T0, "C1", event(pod, severity, status), 0, T0);
  }

  private static AlertEvent event(String pod, String severity, AlertEvent.Status status) {
    return new AlertEvent(
        "alertmanager",
        "{}:{alertname=\"PodDown\"}",
        status,
        severity,
        "PodDown",
        "pod is down",
        "",
        Map.of("alertname", "PodDown", "namespace", "gitlab", "pod", pod, "severity", severity),
        List.of(
            new AlertEvent.Link("Runbook", "https://runbooks/pod-down"),
            new AlertEvent.Link("Source", "http://prometheus/graph?pod=" + pod),
            new AlertEvent.Link(
                "Alertmanager", "http://am/#/alerts?filter=%7Balertname%3D%22PodDown%22%7D")),
        T0,
        status == AlertEvent.Status.RESOLVED ? T0.plusSeconds(300) : null,
        pod + status,
        Map.of("alertname", "PodDown"));
  }
}
