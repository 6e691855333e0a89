package io.gitlabopsbot.backup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders backups as a fixed-width table, split into chunks that fit one Slack code block. */
final class BackupTable {

  /** Below Slack's 3,000 characters per text, with room for the code fence. */
  static final int MAX_CHUNK = 2800;

  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private BackupTable() {}

  static List<String> render(List<BackupObject> backups, Instant now) {
    int idWidth = Math.max(2, backups.stream().mapToInt(b -> b.id().length()).max().orElse(2));
    int versionWidth =
        Math.max(7, backups.stream().mapToInt(b -> b.name().version().length()).max().orElse(7));
    String header =
        pad("ID", idWidth)
            + "  "
            + pad("CREATED (UTC)", 16)
            + "  "
            + pad("VERSION", versionWidth)
            + "  "
            + pad("SIZE", 10)
            + "  "
            + pad("AGE", 7)
            + "  FLAG";
    List<String> chunks = new ArrayList<>();
    StringBuilder chunk = new StringBuilder(header);
    for (BackupObject b : backups) {
      String row =
          pad(b.id(), idWidth)
              + "  "
              + TIME.format(b.createdAt())
              + "  "
              + pad(b.name().version(), versionWidth)
              + "  "
              + pad(Sizes.human(b.size()), 10)
              + "  "
              + pad(Sizes.age(b.age(now)), 7)
              + "  "
              + flag(b.health());
      if (chunk.length() + 1 + row.length() > MAX_CHUNK) {
        chunks.add(chunk.toString().stripTrailing());
        chunk = new StringBuilder(header);
      }
      chunk.append('\n').append(row);
    }
    chunks.add(chunk.toString().stripTrailing());
    return chunks;
  }

  private static String flag(BackupObject.Health health) {
    return switch (health) {
      case OK -> "";
      case EMPTY -> "EMPTY";
      case SUSPICIOUSLY_SMALL -> "SMALL";
    };
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
