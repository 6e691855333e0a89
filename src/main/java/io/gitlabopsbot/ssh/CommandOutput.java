package io.gitlabopsbot.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Collects a command's output: splits stdout and stderr into lines for the listener, keeps the last
 * lines within a byte budget, and notices "No space left on device". Each stream gets its own
 * splitter so that stdout and stderr lines are never mixed mid-line.
 */
final class CommandOutput {

  static final String NO_SPACE = "No space left on device";
  private static final int MAX_LINE_BYTES = 8 * 1024;

  private final OutputListener listener;
  private final int tailChars;
  private final Deque<String> tail = new ArrayDeque<>();
  private final List<Lines> streams = new ArrayList<>();
  private int tailLength;
  private boolean noSpaceLeft;
  private boolean listenerFailed;

  CommandOutput(OutputListener listener, int tailChars) {
    this.listener = listener;
    this.tailChars = tailChars;
  }

  /** A new stream (stdout or stderr) feeding this output. */
  synchronized Lines stream() {
    Lines lines = new Lines();
    streams.add(lines);
    return lines;
  }

  /** Passes on the last unterminated line of every stream. */
  void finish() {
    List<Lines> all;
    synchronized (this) {
      all = List.copyOf(streams);
    }
    all.forEach(Lines::close);
  }

  synchronized String tail() {
    return String.join("\n", tail);
  }

  synchronized boolean noSpaceLeft() {
    return noSpaceLeft;
  }

  private synchronized void accept(String line) {
    noSpaceLeft |= line.contains(NO_SPACE);
    tail.addLast(line);
    tailLength += line.length() + 1;
    while (tailLength > tailChars && tail.size() > 1) {
      tailLength -= tail.removeFirst().length() + 1;
    }
    if (listenerFailed) {
      return;
    }
    try {
      listener.line(line);
    } catch (RuntimeException e) {
      // A broken listener must not break the SSH transport thread; the tail still has the lines.
      listenerFailed = true;
    }
  }

  /** Splits bytes into lines; a line longer than the limit is passed on in pieces. */
  final class Lines extends OutputStream {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        emit();
        return;
      }
      pending.write(b);
      if (pending.size() >= MAX_LINE_BYTES) {
        emit();
      }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }

    /** Passes on a last line that had no line terminator. Safe to call more than once. */
    @Override
    public synchronized void close() {
      if (pending.size() > 0) {
        emit();
      }
    }

    private void emit() {
      String line = pending.toString(StandardCharsets.UTF_8);
      pending.reset();
      accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
  }
}
