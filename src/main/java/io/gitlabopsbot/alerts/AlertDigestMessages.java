package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertMessageText.duration;
import static io.gitlabopsbot.alerts.AlertMessageText.emoji;
import static io.gitlabopsbot.alerts.AlertMessageText.mrkdwn;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The storm digest of a channel: one message naming every open alert group with its severity and
 * counts, and a link to the group's own thread once that is posted. Bounded like every alert
 * message: at most {@value #MAX_SECTIONS} sections of at most 3,000 characters, then "and N more".
 */
final class AlertDigestMessages {

  static final int MAX_SECTIONS = 10;
  private static final int MAX_SECTION_CHARS = 2900;

  /**
   * One group in the digest.
   *
   * @param severity null while unknown
   * @param parent the group's own message; null while it waits to be posted
   */
  record Line(
      String threadKey,
      String title,
      String severity,
      int firing,
      int resolved,
      boolean open,
      MessageRef parent) {}

  Message digest(List<Line> lines, Duration lasted, boolean over) {
    long open = lines.stream().filter(Line::open).count();
    long firing = lines.stream().mapToLong(Line::firing).sum();
    String head =
        over
            ? "✅ Alert storm over: " + groups(lines.size()) + " resolved"
            : "🚨 Alert storm: " + groups(open) + " firing (" + firing + " alerts)";
    Message.Builder message = Message.builder(head);
    message.header(head);
    List<String> sections = new ArrayList<>();
    StringBuilder section = new StringBuilder();
    int listed = 0;
    for (Line line : lines) {
      String text = line(line);
      if (section.length() + text.length() + 1 > MAX_SECTION_CHARS) {
        if (sections.size() == MAX_SECTIONS - 1) {
          break;
        }
        sections.add(section.toString().strip());
        section.setLength(0);
      }
      section.append(text).append('\n');
      listed++;
    }
    if (listed < lines.size()) {
      section.append("… and ").append(lines.size() - listed).append(" more groups");
    }
    if (!section.isEmpty()) {
      sections.add(section.toString().strip());
    }
    sections.forEach(message::section);
    message.context(
        over
            ? "Every group of this storm resolved"
                + (lasted == null ? "" : " after " + duration(lasted))
                + "; each has its own thread."
            : "More groups opened at once than usual: each group gets its own message below, at"
                + " Slack's pace; this list is kept up to date.");
    return message.build();
  }

  /** A digest of what {@link #digest} would show, to skip updates that change nothing. */
  static String hash(Message message) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(message.text().getBytes(StandardCharsets.UTF_8));
      sha256.update(message.blocks().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static String line(Line line) {
    String name = "*" + mrkdwn(AlertMessageText.line(line.title(), 100), 120) + "*";
    if (line.parent() != null) {
      name =
          "<"
              + permalink(line.parent())
              + "|"
              + mrkdwn(AlertMessageText.line(line.title(), 100), 120)
              + ">";
    }
    String severity = line.severity() == null ? "unknown" : mrkdwn(line.severity(), 30);
    if (!line.open()) {
      return "✅ " + name + " · resolved (" + (line.firing() + line.resolved()) + ")";
    }
    return emoji(line.severity())
        + " "
        + name
        + " · "
        + severity
        + " · "
        + line.firing()
        + " firing"
        + (line.resolved() > 0 ? ", " + line.resolved() + " resolved" : "")
        + (line.parent() == null ? " · _posting…_" : "");
  }

  private static String groups(long count) {
    return count == 1 ? "1 group" : count + " groups";
  }

  /** A link to a message that Slack resolves in the reader's workspace. */
  static String permalink(MessageRef message) {
    return "https://slack.com/archives/" + message.channel() + "/p" + message.ts().replace(".", "");
  }
}
