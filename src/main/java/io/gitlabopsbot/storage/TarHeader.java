package io.gitlabopsbot.storage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One 512-byte tar header block (ustar, POSIX and GNU variants).
 *
 * @param name the entry name as written in the header; long names come from a preceding {@code
 *     ././@LongLink} or PAX entry instead
 * @param size bytes of data that follow the header
 * @param type the type flag: {@code '0'} or {@code 0} for files, {@code 'L'} GNU long name, {@code
 *     'x'}/{@code 'g'} PAX headers, others for directories, links and devices
 */
record TarHeader(String name, long size, char type) {

  static final int BLOCK = 512;

  /** Data blocks are padded to whole blocks, so the next header starts here (relative). */
  long paddedSize() {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  boolean isRegularFile() {
    return type == '0' || type == '\0' || type == '7';
  }

  /**
   * Parses a header block.
   *
   * @return empty for an all-zero block, which marks the end of the archive
   * @throws TarFormatException if the block is not a valid tar header
   */
  static Optional<TarHeader> parse(byte[] block) {
    if (block.length != BLOCK) {
      throw new TarFormatException("a header block has 512 bytes, not " + block.length);
    }
    if (allZero(block)) {
      return Optional.empty();
    }
    long stored = octal(block, 148, 8);
    if (stored != checksum(block, false) && stored != checksum(block, true)) {
      throw new TarFormatException("header checksum does not match");
    }
    String name = text(block, 0, 100);
    boolean posix = "ustar".equals(text(block, 257, 6)) && block[262] == 0 && block[263] == '0';
    String prefix = posix ? text(block, 345, 155) : "";
    long size = size(block);
    if (size < 0) {
      throw new TarFormatException("negative entry size");
    }
    return Optional.of(
        new TarHeader(prefix.isEmpty() ? name : prefix + "/" + name, size, (char) block[156]));
  }

  private static long size(byte[] block) {
    if ((block[124] & 0x80) != 0) {
      // GNU base-256 for entries of 8 GiB and more (large repository bundles do get there).
      long value = block[124] & 0x7f;
      for (int i = 125; i < 136; i++) {
        if (value > (Long.MAX_VALUE >> 8)) {
          throw new TarFormatException("entry size does not fit in 63 bits");
        }
        value = (value << 8) | (block[i] & 0xff);
      }
      return value;
    }
    return octal(block, 124, 12);
  }

  static long octal(byte[] block, int offset, int length) {
    long value = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    boolean digits = false;
    for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
      if (block[i] < '0' || block[i] > '7') {
        throw new TarFormatException("not an octal number at byte " + i + " of a header");
      }
      value = value * 8 + (block[i] - '0');
      digits = true;
    }
    if (!digits) {
      throw new TarFormatException("empty number field at byte " + offset + " of a header");
    }
    return value;
  }

  private static long checksum(byte[] block, boolean signed) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      // The checksum field itself counts as eight spaces.
      int b = i >= 148 && i < 156 ? ' ' : signed ? block[i] : block[i] & 0xff;
      sum += b;
    }
    return sum;
  }

  static String text(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
