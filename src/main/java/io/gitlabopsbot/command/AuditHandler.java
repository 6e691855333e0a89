package io.gitlabopsbot.command;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code /gitlab audit [n]}: the newest audit entries. */
public final class AuditHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "audit",
          List.of(
              new CommandSpec.ArgumentSpec(
                  "n", false, "[1-9][0-9]{0,2}", "a number of entries from 1 to 200")),
          List.of(),
          "Show the newest audit log entries (default 20, at most 200)",
          Role.OPERATOR,
          false);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final AuditLog audit;

  public AuditHandler(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    int limit =
        invocation.command().arguments().isEmpty()
            ? 20
            : Integer.parseInt(invocation.command().arguments().get(0));
    if (limit > 200) {
      return CommandResult.refused(
          ":x: At most 200 audit entries can be shown, not " + limit + ".");
    }
    List<AuditEntry> entries = audit.recent(limit);
    StringBuilder text = new StringBuilder();
    for (AuditEntry e : entries) {
      text.append(TIME.format(e.at()))
          .append(' ')
          .append(pad(e.decision(), 7))
          .append(' ')
          .append(pad(e.outcome(), 9))
          .append(' ')
          .append(e.source())
          .append(':')
          .append(e.userId() == null ? "-" : e.userId())
          .append(e.channelId() == null ? "" : "@" + e.channelId())
          .append(' ')
          .append(e.command())
          .append(e.arguments() == null || e.arguments().isEmpty() ? "" : " " + e.arguments())
          .append(" [")
          .append(e.correlationId())
          .append(']')
          .append(e.detail() == null || e.detail().isEmpty() ? "" : " — " + e.detail())
          .append('\n');
    }
    String summary = entries.size() + " newest audit entries";
    return CommandResult.ok(
        Message.builder(summary)
            .header("Audit log")
            .code(entries.isEmpty() ? "(no entries yet)" : text.toString().stripTrailing())
            .context(summary + ", newest first. Times in UTC.")
            .build());
  }

  private static String pad(String text, int width) {
    String value = text == null ? "-" : text;
    return value.length() >= width ? value : value + " ".repeat(width - value.length());
  }
}
