package io.gitlabopsbot.kubernetes;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps only the last {@code capacity} bytes written, so a chatty command cannot exhaust memory.
 */
final class TailBuffer extends OutputStream {

  private final byte[] ring;
  private long written;

  TailBuffer(int capacity) {
    this.ring = new byte[capacity];
  }

  @Override
  public synchronized void write(int b) {
    ring[(int) (written % ring.length)] = (byte) b;
    written++;
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = 0; i < length; i++) {
      write(bytes[offset + i]);
    }
  }

  /** The kept bytes as UTF-8 text; a character cut at the start is replaced. */
  synchronized String text() {
    if (written <= ring.length) {
      return new String(ring, 0, (int) written, StandardCharsets.UTF_8);
    }
    int start = (int) (written % ring.length);
    byte[] ordered = new byte[ring.length];
    System.arraycopy(ring, start, ordered, 0, ring.length - start);
    System.arraycopy(ring, 0, ordered, ring.length - start, start);
    return new String(ordered, StandardCharsets.UTF_8);
  }
}
