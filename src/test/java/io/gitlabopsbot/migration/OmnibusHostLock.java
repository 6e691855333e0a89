package io.gitlabopsbot.migration;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An exclusive lock on a file, across processes and within this JVM: one fixture at a time may own
 * the machine's real Omnibus paths. The operating system releases it if the JVM dies.
 */
final class OmnibusHostLock implements AutoCloseable {

  private final FileChannel channel;

  private OmnibusHostLock(FileChannel channel) {
    this.channel = channel;
  }

  /**
   * Waits at most {@code wait} for the lock.
   *
   * @throws IllegalStateException when another holder keeps it longer
   */
  static OmnibusHostLock acquire(Path file, Duration wait) {
    FileChannel channel;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the fixture lock file " + file, e);
    }
    AtomicReference<FileLock> held = new AtomicReference<>();
    try {
      await()
          .atMost(wait)
          .pollInterval(Duration.ofMillis(100))
          .until(() -> held.updateAndGet(current -> tryLock(channel, file)) != null);
      return new OmnibusHostLock(channel);
    } catch (ConditionTimeoutException e) {
      closeQuietly(channel);
      throw new IllegalStateException(
          "another OmnibusHostServer (another test class or checkout on this machine) held "
              + file
              + " for more than "
              + wait
              + "; run the Omnibus host tests one at a time",
          e);
    }
  }

  @Override
  public void close() {
    // Closing the channel releases its lock.
    closeQuietly(channel);
  }

  private static FileLock tryLock(FileChannel channel, Path file) {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held by another fixture in this JVM: wait for it as for another process.
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to do: the lock ends with the channel or with the JVM anyway.
    }
  }
}
