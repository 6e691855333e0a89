package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertMessageText.duration;
import static io.gitlabopsbot.alerts.AlertMessageText.emoji;
import static io.gitlabopsbot.alerts.AlertMessageText.line;
import static io.gitlabopsbot.alerts.AlertMessageText.mrkdwn;

import io.gitlabopsbot.alerts.AlertGroupState.Instance;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parent of an alert group and the short replies under it. The parent is the group: name,
 * common labels, severity, counts, the first instances with the labels that set them apart, a link
 * to the whole group in Alertmanager, runbook, buttons. Whatever the number of instances or the
 * length of an annotation, every block stays within Slack's limits (3,000 characters a text, 50
 * blocks) and the whole message within a few thousand characters: lists end with "and M more".
 */
final class AlertGroupMessages {

  /** Instances listed on a parent, at most. */
  static final int MAX_INSTANCES = 10;

  static final int MAX_LIST_CHARS = 2800;
  static final int MAX_FIELDS = 10;
  private static final int MAX_REPLY_NAMES = 5;
  private static final Set<String> NOT_DISTINCTIVE = Set.of("alertname", "severity");

  /** What the parent shows besides the group: buttons, who acknowledged, how it ended. */
  record Shown(
      AlertMessages.ParentControls controls, Duration resolvedAfter, java.time.Instant firstSeen) {
    static Shown firing(AlertMessages.ParentControls controls) {
      return new Shown(controls, null, null);
    }
  }

  /** The parent of a group, firing or (once no instance fires) resolved. */
  Message parent(AlertGroupState state, Shown shown) {
    AlertEvent event = state.representative();
    String title = AlertMessages.title(event);
    int firing = state.firing();
    int resolved = state.resolved();
    boolean over = state.allResolved();
    String severity = state.severity();
    String head = (over ? "✅ " : emoji(severity) + " ") + title;
    String text;
    if (over) {
      String after =
          shown.resolvedAfter() == null ? "" : " after " + duration(shown.resolvedAfter());
      text = head + " resolved" + after + counts(firing, resolved, state.instances().size());
    } else if (state.instances().size() == 1) {
      text = head + " is firing" + suffix(event.summary());
    } else {
      text =
          head
              + " is firing: "
              + firing
              + " alerts"
              + (resolved > 0 ? ", " + resolved + " resolved" : "");
    }
    Message.Builder message = Message.builder(text);
    message.header(head);
    if (over) {
      String after =
          shown.resolvedAfter() == null ? "" : " after " + duration(shown.resolvedAfter());
      message.section("*Resolved*" + after + " (was " + severity + ")");
    }
    AlertMessages.ParentControls controls = shown.controls();
    if (controls.acknowledgement() != null) {
      message.section(AlertActionMessages.acknowledged(controls.acknowledgement()));
    }
    String summary = commonText(state, true, AlertMessages.MAX_SUMMARY);
    String description = commonText(state, false, AlertMessages.MAX_DESCRIPTION);
    String body = summary.isEmpty() ? description : summary + "\n" + description;
    if (!body.isBlank()) {
      message.section(body.strip());
    }
    message.fields(fields(state, severity, firing, resolved));
    if (state.instances().size() > 1) {
      message.section(instanceList(state, over));
    }
    message.context(footer(state));
    if (!over) {
      List<Block.Button> buttons =
          AlertButtons.of(
              controls.actionId(), controls.silence(), controls.acknowledgement() == null);
      if (!buttons.isEmpty()) {
        message.actions(buttons);
      }
    }
    return message.build();
  }

  /**
   * The reply a change of an open group is worth, or null when it is worth none: instances that
   * fire anew, a raised severity, or the end of the group.
   */
  Message reply(
      AlertGroupState before,
      AlertGroupState after,
      List<AlertEvent> newlyFiring,
      Duration lasted) {
    if (after.allResolved()) {
      String text =
          "✅ "
              + (after.instances().size() == 1
                  ? "Resolved"
                  : "All " + after.instances().size() + " resolved")
              + (lasted == null ? "" : " after " + duration(lasted));
      return Message.builder(text + ": " + AlertMessages.title(after.representative()))
          .section("*" + text + "*")
          .build();
    }
    List<String> parts = new ArrayList<>();
    String severity = after.severity();
    boolean raised =
        !before.instances().isEmpty()
            && AlertGroupState.rank(severity) > AlertGroupState.rank(before.severity());
    if (raised) {
      parts.add(
          "Severity raised to *"
              + mrkdwn(severity, 30)
              + "* (was "
              + mrkdwn(before.severity(), 30)
              + ")");
    }
    if (!newlyFiring.isEmpty()) {
      Map<String, String> common = after.commonLabels();
      List<String> names =
          newlyFiring.stream()
              .limit(MAX_REPLY_NAMES)
              .map(event -> "`" + distinctive(event, common, 80).replace("`", "'") + "`")
              .toList();
      String more =
          newlyFiring.size() > MAX_REPLY_NAMES
              ? " and " + (newlyFiring.size() - MAX_REPLY_NAMES) + " more"
              : "";
      parts.add(
          (newlyFiring.size() == 1 ? "1 more alert" : newlyFiring.size() + " more alerts")
              + " firing: "
              + String.join(", ", names)
              + more);
    }
    if (parts.isEmpty()) {
      return null;
    }
    String head = emoji(severity) + " " + after.firing() + " firing";
    String body = head + " — " + String.join(". ", parts);
    return Message.builder(
            line(head + ": " + String.join(". ", parts).replace("*", "").replace("`", ""), 300))
        .section(AlertMessageText.plain(body, 2900))
        .build();
  }

  private static String counts(int firing, int resolved, int total) {
    return total <= 1 ? "" : " (" + resolved + " alerts)";
  }

  private static String suffix(String summary) {
    String text = line(summary, AlertMessages.MAX_SUMMARY);
    return text.isEmpty() ? "" : ": " + text;
  }

  // The summary (or description) all instances share; for a single instance its own.
  private static String commonText(AlertGroupState state, boolean summary, int max) {
    String shared = null;
    for (Instance instance : state.instances().values()) {
      String text = summary ? instance.event().summary() : instance.event().description();
      text = text == null ? "" : text;
      if (shared == null) {
        shared = text;
      } else if (!shared.equals(text)) {
        return "";
      }
    }
    return shared == null ? "" : mrkdwn(shared, max);
  }

  private static List<Block.Field> fields(
      AlertGroupState state, String severity, int firing, int resolved) {
    List<Block.Field> fields = new ArrayList<>();
    fields.add(new Block.Field("Severity", severity));
    if (state.instances().size() > 1 || resolved > 0) {
      fields.add(new Block.Field("Alerts", firing + " firing, " + resolved + " resolved"));
    }
    // Field labels and values are escaped by the renderer, so they stay raw here.
    AlertMessageText.shownLabels(state.commonLabels(), MAX_FIELDS - fields.size())
        .forEach(
            label ->
                fields.add(new Block.Field(line(label.getKey(), 60), line(label.getValue(), 200))));
    return fields;
  }

  // Firing instances first (then resolved ones once none fires), each with the labels that set it
  // apart and its own graph link, cut to fit one section, ending with "and M more".
  private static String instanceList(AlertGroupState state, boolean over) {
    List<Instance> shown = over ? List.copyOf(state.instances().values()) : state.firingInstances();
    Map<String, String> common = state.commonLabels();
    StringBuilder list = new StringBuilder();
    int listed = 0;
    for (Instance instance : shown) {
      if (listed == MAX_INSTANCES) {
        break;
      }
      String item = "• " + item(instance.event(), common, over);
      if (list.length() + item.length() + 1 > MAX_LIST_CHARS - 200) {
        break;
      }
      list.append(item).append('\n');
      listed++;
    }
    int more = shown.size() - listed;
    if (more > 0) {
      String group = groupLink(state.representative());
      list.append("… and ")
          .append(more)
          .append(" more")
          .append(group == null ? "" : " — <" + group + "|all of them in Alertmanager>");
    }
    return list.toString().strip();
  }

  private static String item(AlertEvent event, Map<String, String> common, boolean over) {
    String mark = event.status() == AlertEvent.Status.RESOLVED && !over ? "✅ " : "";
    String labels = mrkdwn(distinctive(event, common, 150), 170);
    StringBuilder item =
        new StringBuilder(mark).append('`').append(labels.replace("`", "'")).append('`');
    String summary = line(event.summary(), 120);
    if (!summary.isEmpty() && !summary.equals(line(common.get("summary"), 120))) {
      item.append(" ").append(mrkdwn(summary, 140));
    }
    String source =
        event.links().stream()
            .filter(link -> AlertmanagerLinks.SOURCE.equals(link.label()))
            .map(link -> AlertMessageText.links(List.of(new AlertEvent.Link("graph", link.url()))))
            .filter(text -> !text.isEmpty())
            .findFirst()
            .orElse("");
    if (!source.isEmpty()) {
      item.append(" · ").append(source);
    }
    return item.toString();
  }

  /** The labels of {@code event} that not every instance shares, e.g. {@code pod=web-1}. */
  static String distinctive(AlertEvent event, Map<String, String> common, int max) {
    Map<String, String> own = new LinkedHashMap<>();
    event.labels().entrySet().stream()
        .filter(label -> !common.containsKey(label.getKey()))
        .filter(label -> !NOT_DISTINCTIVE.contains(label.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(label -> own.put(label.getKey(), label.getValue()));
    String text =
        own.isEmpty()
            ? AlertMessages.title(event)
            : own.entrySet().stream()
                .map(label -> label.getKey() + "=" + label.getValue())
                .collect(Collectors.joining(", "));
    return line(text, max);
  }

  // Runbook, the group in Alertmanager, a silence form, the source: one line, bounded.
  private static String footer(AlertGroupState state) {
    AlertEvent event = state.representative();
    List<AlertEvent.Link> links = new ArrayList<>();
    for (AlertEvent.Link link : event.links()) {
      boolean perInstance =
          AlertmanagerLinks.SOURCE.equals(link.label()) && state.instances().size() > 1;
      if (!perInstance) {
        links.add(link);
      }
    }
    String text = AlertMessageText.links(links);
    String source = "from " + mrkdwn(line(event.source(), 40), 60);
    return text.isEmpty() ? source : text + " · " + source;
  }

  /** The group's page in Alertmanager's UI, from the links of one of its events; null if none. */
  static String groupLink(AlertEvent event) {
    return event.links().stream()
        .filter(link -> AlertmanagerLinks.GROUP.equals(link.label()))
        .map(AlertEvent.Link::url)
        .filter(url -> url.length() <= AlertMessageText.MAX_URL)
        .map(url -> AlertMessageText.escape(url.replace("|", "%7C").replace(" ", "%20")))
        .findFirst()
        .orElse(null);
  }
}
