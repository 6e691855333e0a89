package io.gitlabopsbot.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Computes the new {@code /etc/gitlab/gitlab.rb} for the migration: the bot's marked block is
 * added, or replaced when present, and nothing else changes. It refuses, rather than override, when
 * a person already configured object storage or backup upload outside the block.
 */
public final class GitLabRbEdit {

  /** Where Omnibus keeps its configuration. */
  public static final String PATH = "/etc/gitlab/gitlab.rb";

  // Settings the block writes; any of them active outside the block is a human's configuration.
  // (Backup upload settings are not among them: the bot streams the archive to S3 itself, with
  // progress and a checksum, so a human's own backup_upload_* settings are left alone.)
  private static final List<Pattern> OWNED =
      List.of(
          Pattern.compile("gitlab_rails\\s*\\[\\s*['\"]object_store['\"]\\s*\\]"),
          Pattern.compile("gitlab_rails\\s*\\[\\s*['\"][a-z_]+_object_store_[a-z_]+['\"]\\s*\\]"));

  private GitLabRbEdit() {}

  /** What the edit would do to {@code current}; pure, so it can be shown before it is applied. */
  public static GitLabRbOutcome apply(String current, ObjectStorageSettings settings) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(settings, "settings");
    List<String> lines = current.lines().toList();
    List<Integer> begins = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    List<Integer> foreign = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.equals(GitLabRbBlock.BEGIN)) {
        begins.add(i);
      } else if (line.equals(GitLabRbBlock.END)) {
        ends.add(i);
      }
    }
    if (begins.size() > 1
        || ends.size() > 1
        || begins.size() != ends.size()
        || (!begins.isEmpty() && ends.get(0) < begins.get(0))) {
      List<Integer> markers = new ArrayList<>(begins);
      markers.addAll(ends);
      return refused(
          "its gitlab-ops-bot markers are damaged (expected one BEGIN line followed by one END"
              + " line). Restore the block from the backup copy or remove the marker lines",
          markers);
    }
    int blockStart = begins.isEmpty() ? -1 : begins.get(0);
    int blockEnd = ends.isEmpty() ? -1 : ends.get(0);
    for (int i = 0; i < lines.size(); i++) {
      boolean inBlock = i >= blockStart && i <= blockEnd && blockStart >= 0;
      if (!inBlock && setsOwned(lines.get(i))) {
        foreign.add(i);
      }
    }
    if (!foreign.isEmpty()) {
      return refused(
          "it already sets object storage or backup upload outside the bot's block. The bot"
              + " does not override settings it did not write: move them out (comment them or"
              + " delete them) and run the step again, or finish the configuration by hand",
          foreign);
    }
    List<String> updated = new ArrayList<>();
    List<String> block = GitLabRbBlock.lines(settings);
    if (blockStart < 0) {
      updated.addAll(lines);
      if (!updated.isEmpty() && !updated.get(updated.size() - 1).isBlank()) {
        updated.add("");
      }
      updated.addAll(block);
    } else {
      updated.addAll(lines.subList(0, blockStart));
      updated.addAll(block);
      updated.addAll(lines.subList(blockEnd + 1, lines.size()));
    }
    if (updated.equals(lines)) {
      // Same lines: keep the file byte for byte (line endings, missing final newline).
      return new GitLabRbOutcome.Edited(current, "");
    }
    int newStart = blockStart < 0 ? updated.size() - block.size() : blockStart;
    String newline = current.contains("\r\n") ? "\r\n" : "\n";
    return new GitLabRbOutcome.Edited(
        String.join(newline, updated) + newline, change(block, newStart, blockStart, blockEnd));
  }

  /**
   * What people are shown: the bot's own block with its line numbers, and where it was before.
   * Never another line of the file: gitlab.rb often ends with hand-written passwords.
   */
  private static String change(List<String> block, int newStart, int oldStart, int oldEnd) {
    StringBuilder out = new StringBuilder(PATH).append(": ");
    int first = newStart + 1;
    int last = newStart + block.size();
    out.append(
        oldStart < 0
            ? "adds the bot's block as lines " + first + "-" + last
            : "replaces the bot's block (was lines "
                + (oldStart + 1)
                + "-"
                + (oldEnd + 1)
                + ") with lines "
                + first
                + "-"
                + last);
    out.append("; no other line changes\n");
    int width = String.valueOf(last).length();
    for (int i = 0; i < block.size(); i++) {
      out.append(String.format("%" + width + "d  %s%n", first + i, block.get(i)));
    }
    return out.toString().replace(System.lineSeparator(), "\n");
  }

  private static boolean setsOwned(String line) {
    String code = line.strip();
    if (code.startsWith("#")) {
      return false;
    }
    return OWNED.stream().anyMatch(pattern -> pattern.matcher(code).find());
  }

  private static GitLabRbOutcome refused(String why, List<Integer> zeroBasedLines) {
    List<Integer> numbers = zeroBasedLines.stream().sorted().map(i -> i + 1).toList();
    String where = numbers.stream().map(String::valueOf).collect(Collectors.joining(", "));
    return new GitLabRbOutcome.Refused(
        PATH
            + " was not changed: "
            + why
            + " (line"
            + (numbers.size() == 1 ? " " : "s ")
            + where
            + ").",
        numbers);
  }
}
