package io.gitlabopsbot.storage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The parts of one multipart upload that are in memory: at most {@code limit} buffers of one part
 * each, the one being read included, so the read of the next part overlaps the sending of the
 * previous ones. Sending happens on this object's own threads; the first failed part fails the
 * whole upload, and {@link #close()} stops the others.
 */
final class PartsInFlight implements AutoCloseable {

  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final AtomicInteger UPLOADS = new AtomicInteger();

  /** Sends one part; returns its ETag. Runs on a sender thread. */
  interface PartSender {
    String send(int number, byte[] buffer, int length);
  }

  private record Sent(CompletedPart part, byte[] buffer, int length) {}

  private final int limit;
  private final int partSize;
  private final LongConsumer acknowledged;
  private final ExecutorService senders;
  private final CompletionService<Sent> done;
  private final Deque<byte[]> free = new ArrayDeque<>();
  private final List<CompletedPart> parts = new ArrayList<>();
  private int allocated;
  private int pending;
  private long bytesAcknowledged;

  /**
   * @param acknowledged told the total bytes S3 has acknowledged, after each part
   */
  PartsInFlight(int limit, int partSize, LongConsumer acknowledged) {
    if (limit < 1) {
      throw new IllegalArgumentException("at least one part must fit in memory, not " + limit);
    }
    this.limit = limit;
    this.partSize = partSize;
    this.acknowledged = acknowledged;
    int upload = UPLOADS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            limit,
            r -> {
              Thread thread =
                  new Thread(r, "s3-part-sender-" + upload + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.done = new ExecutorCompletionService<>(senders);
  }

  /**
   * A buffer for the next part; waits for a part to be acknowledged when all are in use. Throws the
   * failure of a part sent earlier, if any.
   */
  byte[] nextBuffer() {
    for (Future<Sent> finished = done.poll(); finished != null; finished = done.poll()) {
      collect(finished);
    }
    if (free.isEmpty() && allocated < limit) {
      allocated++;
      return new byte[partSize];
    }
    while (free.isEmpty()) {
      awaitOne();
    }
    return free.pop();
  }

  /** Sends {@code length} bytes of {@code buffer} as part {@code number}; the buffer is lent. */
  void send(int number, byte[] buffer, int length, PartSender sender) {
    done.submit(
        () -> {
          String etag = sender.send(number, buffer, length);
          return new Sent(
              CompletedPart.builder().partNumber(number).eTag(etag).build(), buffer, length);
        });
    pending++;
  }

  /** Waits for every part sent; returns them in part-number order. */
  List<CompletedPart> finish() {
    while (pending > 0) {
      awaitOne();
    }
    List<CompletedPart> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparing(CompletedPart::partNumber));
    return sorted;
  }

  /** Stops the parts still being sent and waits, bounded, until no thread sends any more. */
  @Override
  public void close() {
    senders.shutdownNow();
    try {
      senders.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitOne() {
    try {
      collect(done.take());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  private void collect(Future<Sent> finished) {
    Sent sent;
    try {
      sent = finished.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("a part upload failed unexpectedly", e.getCause());
    }
    pending--;
    parts.add(sent.part());
    free.push(sent.buffer());
    bytesAcknowledged += sent.length();
    acknowledged.accept(bytesAcknowledged);
  }

  private static StorageException interrupted(InterruptedException e) {
    return new StorageException(
        "the upload was interrupted (the bot is shutting down); run it again", "interrupted", e);
  }
}
