package io.gitlabopsbot.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Builds real tar archives in memory with Apache Commons Compress, an independent writer. */
public final class TarFiles {

  private final Map<String, byte[]> entries = new LinkedHashMap<>();
  private int longFileMode = TarArchiveOutputStream.LONGFILE_GNU;
  private int bigNumberMode = TarArchiveOutputStream.BIGNUMBER_STAR;

  public static TarFiles tar() {
    return new TarFiles();
  }

  /** Adds a file; directories are added for names ending in {@code /}. */
  public TarFiles add(String name, byte[] content) {
    entries.put(name, content);
    return this;
  }

  public TarFiles add(String name, String content) {
    return add(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Writes long names as PAX headers instead of GNU {@code ././@LongLink} entries. */
  public TarFiles paxNames() {
    longFileMode = TarArchiveOutputStream.LONGFILE_POSIX;
    bigNumberMode = TarArchiveOutputStream.BIGNUMBER_POSIX;
    return this;
  }

  public byte[] bytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(longFileMode);
      out.setBigNumberMode(bigNumberMode);
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        if (!entry.getKey().endsWith("/")) {
          header.setSize(entry.getValue().length);
        }
        out.putArchiveEntry(header);
        out.write(entry.getValue());
        out.closeArchiveEntry();
      }
      out.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
