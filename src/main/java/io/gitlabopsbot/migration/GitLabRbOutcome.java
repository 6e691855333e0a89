package io.gitlabopsbot.migration;

import java.util.List;
import java.util.Objects;

/** The result of {@link GitLabRbEdit#apply}: the new file, or why the bot will not edit it. */
public sealed interface GitLabRbOutcome {

  /**
   * The file with the bot's block in place.
   *
   * @param text the whole new {@code gitlab.rb}; equal to the input when nothing changes
   * @param change for people: the bot's block with its line numbers (never another line of the
   *     file, which may hold passwords); empty when nothing changes
   */
  record Edited(String text, String change) implements GitLabRbOutcome {
    public Edited {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(change, "change");
    }

    /** False on a second run: write nothing, take no backup copy. */
    public boolean changed() {
      return !change.isEmpty();
    }
  }

  /**
   * The file was left alone.
   *
   * @param message for the thread: what was found, on which lines, and what to do
   * @param lines 1-based line numbers of the offending lines
   */
  record Refused(String message, List<Integer> lines) implements GitLabRbOutcome {
    public Refused {
      Objects.requireNonNull(message, "message");
      lines = List.copyOf(lines);
    }
  }
}
