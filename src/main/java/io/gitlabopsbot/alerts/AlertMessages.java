package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertMessageText.duration;
import static io.gitlabopsbot.alerts.AlertMessageText.emoji;
import static io.gitlabopsbot.alerts.AlertMessageText.line;
import static io.gitlabopsbot.alerts.AlertMessageText.links;
import static io.gitlabopsbot.alerts.AlertMessageText.mrkdwn;
import static io.gitlabopsbot.alerts.AlertMessageText.shownLabels;

import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one {@link AlertEvent} into Slack messages: a parent and its resolved form, as a thread
 * from before group parents is drawn again (group parents: {@link AlertGroupMessages}). Every text
 * from the alert is escaped and bounded, so an annotation can neither ping a channel nor make Slack
 * refuse the message.
 */
public final class AlertMessages {

  static final int MAX_TITLE = 120;
  static final int MAX_SUMMARY = 500;
  static final int MAX_DESCRIPTION = 1500;
  static final int MAX_FIELDS = 8;

  /** The parent of a new thread: severity, title, summary, description, labels, links. */
  public Message parent(AlertEvent event) {
    return parent(event, ParentControls.NONE);
  }

  /** The parent with its buttons and, once someone took the group, who did and when. */
  public Message parent(AlertEvent event, ParentControls controls) {
    String head = emoji(event.severity()) + " " + title(event);
    Message.Builder message = Message.builder(head + " is firing" + summarySuffix(event));
    message.header(head);
    if (controls.acknowledgement() != null) {
      message.section(AlertActionMessages.acknowledged(controls.acknowledgement()));
    }
    body(event, message);
    List<Block.Button> buttons =
        AlertButtons.of(
            controls.actionId(), controls.silence(), controls.acknowledgement() == null);
    if (!buttons.isEmpty()) {
      message.actions(buttons);
    }
    return message.build();
  }

  /**
   * The parent once its group resolved: ✅, how long it lasted, and what it was about.
   *
   * @param lasted null when unknown (a resolution without a firing seen before)
   */
  public Message resolvedParent(AlertEvent event, Duration lasted) {
    return resolvedParent(event, lasted, null);
  }

  /** As {@link #resolvedParent(AlertEvent, Duration)}, keeping who acknowledged it (or null). */
  public Message resolvedParent(AlertEvent event, Duration lasted, Acknowledgement ack) {
    String head = "✅ " + title(event);
    String after = lasted == null ? "" : " after " + duration(lasted);
    Message.Builder message = Message.builder(head + " resolved" + after);
    message.header(head);
    message.section("*Resolved*" + after + " (was " + severity(event) + ")");
    if (ack != null) {
      message.section(AlertActionMessages.acknowledged(ack));
    }
    body(event, message);
    return message.build();
  }

  /**
   * What a parent offers besides the alert itself.
   *
   * @param actionId the thread's opaque ID the buttons carry; null = no buttons
   * @param silence whether the Silence buttons are shown
   * @param acknowledgement who took the group; null shows the Acknowledge button instead
   */
  public record ParentControls(String actionId, boolean silence, Acknowledgement acknowledgement) {
    /** No buttons, nobody acknowledged. */
    public static final ParentControls NONE = new ParentControls(null, false, null);
  }

  private static void body(AlertEvent event, Message.Builder message) {
    String summary = mrkdwn(event.summary(), MAX_SUMMARY);
    String description = mrkdwn(event.description(), MAX_DESCRIPTION);
    String text = summary.isEmpty() ? description : summary + "\n" + description;
    if (!text.isBlank()) {
      message.section(text.strip());
    }
    List<Block.Field> fields = new ArrayList<>();
    fields.add(new Block.Field("Severity", severity(event)));
    // Field labels and values are escaped by the renderer, so they stay raw here.
    shownLabels(event.labels(), MAX_FIELDS - 1)
        .forEach(label -> fields.add(new Block.Field(label.getKey(), line(label.getValue(), 200))));
    message.fields(fields);
    String links = links(event.links());
    String source = "from " + mrkdwn(line(event.source(), 40), 60);
    message.context(links.isEmpty() ? source : links + " · " + source);
  }

  static String title(AlertEvent event) {
    String title = line(event.title(), MAX_TITLE);
    return title.isEmpty() ? "Unnamed alert" : title;
  }

  static String severity(AlertEvent event) {
    String severity = line(event.severity(), 30).toLowerCase(Locale.ROOT);
    return severity.isEmpty() ? "unknown" : severity;
  }

  private static String summarySuffix(AlertEvent event) {
    String summary = line(event.summary(), MAX_SUMMARY);
    return summary.isEmpty() ? "" : ": " + summary;
  }
}
