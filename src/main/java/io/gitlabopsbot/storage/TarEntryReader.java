package io.gitlabopsbot.storage;

import java.util.Optional;

/**
 * Finds one small file in a tar archive held in object storage without downloading the archive: it
 * reads each 512-byte header with a range request and jumps over entry data to the next header. The
 * walk is bounded by a number of headers and a size cap on the file.
 */
public final class TarEntryReader {

  private final BackupStore store;
  private final int maxHeaders;
  private final int maxFileSize;

  /**
   * @param maxHeaders how many headers (long-name and PAX headers included) to read at most
   * @param maxFileSize the largest file (and long name or PAX record) that is read, in bytes
   */
  public TarEntryReader(BackupStore store, int maxHeaders, int maxFileSize) {
    if (maxHeaders < 1 || maxFileSize < 1 || maxFileSize > BackupStore.MAX_RANGE) {
      throw new IllegalArgumentException("limits must be positive and within one range read");
    }
    this.store = store;
    this.maxHeaders = maxHeaders;
    this.maxFileSize = maxFileSize;
  }

  /**
   * Looks for the top-level file {@code fileName} (stored as {@code fileName} or {@code
   * ./fileName}) in the archive {@code key} of {@code objectSize} bytes.
   */
  public TarLookup find(String bucket, String key, long objectSize, String fileName) {
    long offset = 0;
    String longName = null;
    int entries = 0;
    for (int headers = 0; headers < maxHeaders; headers++) {
      if (offset + TarHeader.BLOCK > objectSize) {
        return truncatedOrUnterminated(offset, objectSize, entries, fileName);
      }
      byte[] block = store.readRange(bucket, key, offset, TarHeader.BLOCK);
      if (block.length < TarHeader.BLOCK) {
        return damaged("the object ended inside the tar header at byte " + offset);
      }
      Optional<TarHeader> parsed;
      try {
        parsed = TarHeader.parse(block);
      } catch (TarFormatException e) {
        return damaged("not a tar archive: " + e.getMessage() + " at byte " + offset);
      }
      if (parsed.isEmpty()) {
        return new TarLookup.Missing(
            fileName + " is not in the archive (" + entries + " entries checked)", false);
      }
      TarHeader header = parsed.get();
      long data = offset + TarHeader.BLOCK;
      long next = data + header.paddedSize();
      if (data + header.size() > objectSize) {
        return damaged(
            "the archive is truncated: entry "
                + printable(longName == null ? header.name() : longName)
                + " needs "
                + header.size()
                + " bytes from byte "
                + data
                + " but the object has only "
                + objectSize);
      }
      if (header.type() == 'L' || header.type() == 'x') {
        if (header.size() > maxFileSize) {
          return damaged("an extended header of " + header.size() + " bytes is implausibly large");
        }
        String record = readText(bucket, key, data, (int) header.size());
        longName = header.type() == 'L' ? record : paxPath(record).orElse(longName);
        offset = next;
        continue;
      }
      if (header.type() == 'g') {
        offset = next;
        continue;
      }
      entries++;
      String name = longName == null ? header.name() : longName;
      longName = null;
      if (header.isRegularFile() && fileName.equals(stripDotSlash(name))) {
        if (header.size() > maxFileSize) {
          return new TarLookup.Missing(
              fileName
                  + " has "
                  + header.size()
                  + " bytes, more than the "
                  + maxFileSize
                  + " bytes that are read",
              true);
        }
        byte[] content =
            header.size() == 0
                ? new byte[0]
                : store.readRange(bucket, key, data, (int) header.size());
        return new TarLookup.Found(name, content, entries);
      }
      offset = next;
    }
    return new TarLookup.Missing(
        fileName + " was not among the first " + maxHeaders + " tar headers", false);
  }

  private TarLookup truncatedOrUnterminated(
      long offset, long objectSize, int entries, String fileName) {
    if (offset == objectSize) {
      // Valid archives end with two zero blocks; an end exactly on an entry boundary is cut off.
      return damaged(
          "the archive ends after "
              + entries
              + " entries without an end-of-archive marker (truncated?), and "
              + fileName
              + " was not among them");
    }
    return damaged("the object ended inside the tar header at byte " + offset);
  }

  private String readText(String bucket, String key, long offset, int length) {
    byte[] bytes = length == 0 ? new byte[0] : store.readRange(bucket, key, offset, length);
    return TarHeader.text(bytes, 0, bytes.length);
  }

  /** The {@code path} record of a PAX extended header ({@code "<len> path=<value>\n"}). */
  static Optional<String> paxPath(String records) {
    for (String line : records.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0 && line.startsWith("path=", space + 1)) {
        return Optional.of(line.substring(space + 1 + "path=".length()));
      }
    }
    return Optional.empty();
  }

  private static String stripDotSlash(String name) {
    String stripped = name;
    while (stripped.startsWith("./")) {
      stripped = stripped.substring(2);
    }
    return stripped;
  }

  /** Entry names come from the archive: keep control characters and backticks out of messages. */
  private static String printable(String name) {
    String clean = name.replaceAll("[\\p{Cntrl}`]", "?");
    return clean.length() > 80 ? clean.substring(0, 80) + "…" : clean;
  }

  private static TarLookup.Missing damaged(String reason) {
    return new TarLookup.Missing(reason, true);
  }
}
