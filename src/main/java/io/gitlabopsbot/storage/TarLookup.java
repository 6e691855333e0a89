package io.gitlabopsbot.storage;

import java.util.Objects;

/** What {@link TarEntryReader} found when looking for one file in an archive. */
public sealed interface TarLookup {

  /**
   * The file and its content.
   *
   * @param name the entry name as stored, e.g. {@code ./backup_information.yml}
   * @param entriesSeen how many entries were walked, this one included
   */
  record Found(String name, byte[] content, int entriesSeen) implements TarLookup {
    public Found {
      Objects.requireNonNull(name, "name");
      content = content.clone();
    }

    @Override
    public byte[] content() {
      return content.clone();
    }
  }

  /**
   * The file could not be read; {@code reason} says why in one sentence.
   *
   * @param damaged true when the archive itself is broken (truncated, not a tar), false when it is
   *     sound but lacks the file or the search stopped at its limits
   */
  record Missing(String reason, boolean damaged) implements TarLookup {
    public Missing {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
