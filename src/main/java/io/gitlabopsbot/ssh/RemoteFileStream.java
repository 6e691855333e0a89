package io.gitlabopsbot.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A remote file's bytes as they arrive, through a fixed ring buffer: when it is full the SSH
 * transport waits for the reader, so memory stays constant whatever the file's size. The end of the
 * stream is reported only after the remote command exited with status 0; otherwise {@code read}
 * throws, so a cut or failed transfer never looks like a complete file.
 */
final class RemoteFileStream extends InputStream {

  static final int BUFFER_BYTES = 256 * 1024;
  private static final long POLL_MILLIS = 10;

  private final byte[] ring = new byte[BUFFER_BYTES];
  private final String what;
  private final long idleMillis;
  private final CommandOutput errors;
  private int start;
  private int count;
  private long delivered;
  private boolean ended;
  private boolean closed;
  private IOException failure;
  private Session session;
  private ChannelExec channel;

  RemoteFileStream(String what, Duration idle, CommandOutput errors) {
    this.what = what;
    this.idleMillis = idle.toMillis();
    this.errors = errors;
  }

  /** Where JSch writes the remote command's stdout. */
  OutputStream sink() {
    return new Sink();
  }

  synchronized void attach(Session session, ChannelExec channel) {
    this.session = session;
    this.channel = channel;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    synchronized (this) {
      long deadline = System.currentTimeMillis() + idleMillis;
      while (count == 0 && !ended && !closed) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw fail("no data arrived for " + Duration.ofMillis(idleMillis));
        }
        waitInterruptibly(left);
      }
      if (closed) {
        throw new IOException(what + ": the stream is closed");
      }
      if (count > 0) {
        int n = Math.min(length, Math.min(count, ring.length - start));
        System.arraycopy(ring, start, target, offset, n);
        start = (start + n) % ring.length;
        count -= n;
        delivered += n;
        notifyAll();
        return n;
      }
    }
    verifyEnd();
    return -1;
  }

  @Override
  public void close() {
    ChannelExec toClose;
    synchronized (this) {
      closed = true;
      toClose = channel;
      notifyAll();
    }
    if (toClose != null) {
      toClose.disconnect();
    }
  }

  /** Checks, once, that the remote command exited with status 0 after its last byte. */
  private void verifyEnd() throws IOException {
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
    long deadline = System.currentTimeMillis() + idleMillis;
    // The exit status arrives just after the end of the data: wait for it, bounded.
    while (!channel.isClosed() && session.isConnected()) {
      if (System.currentTimeMillis() > deadline) {
        throw fail("the data ended but no exit status arrived within " + idleMillis + " ms");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw fail("interrupted while waiting for the exit status");
      }
    }
    int status = channel.getExitStatus();
    if (!session.isConnected() || status < 0) {
      throw fail("the SSH connection dropped or the read was killed before it finished");
    }
    if (status != 0) {
      errors.finish();
      throw fail("the remote read failed with status " + status + ": " + errors.tail());
    }
  }

  private IOException fail(String reason) {
    IOException e;
    synchronized (this) {
      e = new IOException(what + " stopped after " + delivered + " bytes: " + reason);
      failure = e;
      notifyAll();
    }
    if (channel != null) {
      channel.disconnect();
    }
    return e;
  }

  private void waitInterruptibly(long millis) throws IOException {
    try {
      wait(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted", e);
    }
  }

  /**
   * Receives the bytes on the SSH transport's thread; blocks, bounded, while the buffer is full.
   */
  private final class Sink extends OutputStream {

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      synchronized (RemoteFileStream.this) {
        while (length > 0) {
          long deadline = System.currentTimeMillis() + idleMillis;
          while (count == ring.length && !closed && failure == null) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
              // JSch closes the channel when a write fails; the reader then gets an error.
              throw new IOException(what + ": the reader took no data for " + idleMillis + " ms");
            }
            waitInterruptibly(left);
          }
          if (closed || failure != null) {
            throw new IOException(what + ": the reader is gone");
          }
          int end = (start + count) % ring.length;
          int n = Math.min(length, Math.min(ring.length - count, ring.length - end));
          System.arraycopy(bytes, offset, ring, end, n);
          count += n;
          offset += n;
          length -= n;
          RemoteFileStream.this.notifyAll();
        }
      }
    }

    @Override
    public void close() {
      synchronized (RemoteFileStream.this) {
        ended = true;
        RemoteFileStream.this.notifyAll();
      }
    }
  }
}
