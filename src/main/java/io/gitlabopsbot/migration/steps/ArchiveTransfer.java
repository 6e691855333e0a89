package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.migration.StepOutcomeUnknownException;
import io.gitlabopsbot.ssh.RemoteCommand;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.ssh.SshException;
import io.gitlabopsbot.storage.ArchiveUploader;
import io.gitlabopsbot.storage.StorageException;
import io.gitlabopsbot.storage.UploadSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Copies one file of the host into a bucket and proves the copy: the SHA-256 of the bytes sent must
 * equal what {@code sha256sum} computes on the host. The host computes its checksum over a second
 * connection while the file streams, so the check adds no read of its own to the step's time.
 */
final class ArchiveTransfer {

  private final Supplier<RemoteHost> hosts;
  private final ArchiveUploader uploader;
  private final Duration checksumTimeout;

  ArchiveTransfer(Supplier<RemoteHost> hosts, ArchiveUploader uploader, Duration checksumTimeout) {
    this.hosts = hosts;
    this.uploader = uploader;
    this.checksumTimeout = checksumTimeout;
  }

  /**
   * Streams {@code path} to {@code bucket}/{@code key} and returns its SHA-256.
   *
   * @param progress told the bytes sent so far and the size after each part
   * @throws StepFailedException when the copy fails or the checksums differ
   */
  String copy(String path, String bucket, String key, Progress progress) {
    ExecutorService checksums =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "host-sha256sum");
              thread.setDaemon(true);
              return thread;
            });
    try {
      Future<String> onHost = checksums.submit(() -> sha256OnHost(path));
      String sent = upload(path, bucket, key, progress);
      return compare(key, sent, await(onHost, path));
    } finally {
      // After a failed upload this stops sha256sum: the interrupt ends its command and connection.
      checksums.shutdownNow();
    }
  }

  private static String compare(String key, String sent, String onHost) {
    if (!sent.equals(onHost)) {
      throw new StepFailedException(
          "the upload of "
              + key
              + " has SHA-256 "
              + sent
              + " but the host's file has "
              + onHost
              + "; it changed while read. Run the step again.");
    }
    return sent;
  }

  private String await(Future<String> onHost, String path) {
    try {
      return onHost.get(checksumTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("sha256sum of " + path + " failed", e.getCause());
    } catch (TimeoutException e) {
      throw new StepOutcomeUnknownException(
          "sha256sum of " + path + " did not finish within " + checksumTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepOutcomeUnknownException(
          "the bot stopped waiting for sha256sum of " + path + " (shutting down)");
    }
  }

  /** How far a copy got. */
  interface Progress {
    void sent(long bytes, long size);
  }

  private String upload(String path, String bucket, String key, Progress progress) {
    // A fresh connection for the stream: no other command may share its session meanwhile.
    try (RemoteHost host = hosts.get()) {
      long size = host.size(path);
      LongConsumer sent = bytes -> progress.sent(bytes, size);
      try (InputStream in = host.open(path)) {
        return uploader.upload(bucket, key, in, size, sent).sha256();
      }
    } catch (UploadSourceException | StorageException | SshException e) {
      throw new StepFailedException("uploading " + key + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new StepFailedException("closing the stream of " + key + " failed", e);
    }
  }

  private String sha256OnHost(String path) {
    StringBuilder printed = new StringBuilder();
    try (RemoteHost host = hosts.get()) {
      HostRuns.run(
          host,
          new RemoteCommand(List.of("sha256sum", path), true, null),
          checksumTimeout,
          line -> {
            synchronized (printed) {
              printed.append(line).append('\n');
            }
          });
    }
    String first;
    synchronized (printed) {
      first = printed.toString().strip().split("\\s+")[0];
    }
    if (!first.matches("[0-9a-f]{64}")) {
      throw new StepOutcomeUnknownException("sha256sum printed no checksum for " + path);
    }
    return first;
  }
}
