package io.gitlabopsbot.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@link ArchiveUploader} over S3 multipart upload: a few part buffers are reused for the whole
 * archive, so the next part is read while the previous ones are sent. Each part carries the
 * checksum the SDK adds by default (CRC32, in a trailer), which S3 checks on arrival; the SHA-256
 * of the whole archive is returned for an end-to-end comparison with the source, and the finished
 * object's size is compared with the announced one. Content-MD5 is not sent: it cost an MD5 pass
 * over every byte (a quarter of the upload's CPU time) for what the CRC already checks. (The
 * multipart ETag is not compared: with SSE-KMS it is not derived from the content.)
 */
public final class S3ArchiveUploader implements ArchiveUploader {

  /** S3's smallest part (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** The part size of the bot's backup uploads. */
  public static final int DEFAULT_PART_SIZE = 16 * 1024 * 1024;

  /** The parts in flight of the bot's backup uploads. */
  public static final int DEFAULT_PARTS_IN_FLIGHT = 3;

  /** S3 allows at most this many parts per upload. */
  static final int MAX_PARTS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(S3ArchiveUploader.class);

  private final Supplier<S3Client> s3;
  private final int partSize;
  private final int partsInFlight;

  /** Parts of {@link #DEFAULT_PART_SIZE}, {@link #DEFAULT_PARTS_IN_FLIGHT} in flight. */
  public S3ArchiveUploader(S3Client s3) {
    this(() -> s3, DEFAULT_PART_SIZE, DEFAULT_PARTS_IN_FLIGHT);
  }

  /** Over a client built on first use. */
  public S3ArchiveUploader(Supplier<S3Client> s3) {
    this(s3, DEFAULT_PART_SIZE, DEFAULT_PARTS_IN_FLIGHT);
  }

  /**
   * @param partSize bytes per part, at least {@link #MIN_PART_SIZE}
   * @param partsInFlight parts read but not yet acknowledged by S3, the one being read included:
   *     the upload takes {@code partSize * partsInFlight} bytes of memory
   */
  public S3ArchiveUploader(S3Client s3, int partSize, int partsInFlight) {
    this(() -> s3, partSize, partsInFlight);
  }

  private S3ArchiveUploader(Supplier<S3Client> s3, int partSize, int partsInFlight) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "S3 parts must be at least " + MIN_PART_SIZE + " bytes, not " + partSize);
    }
    if (partsInFlight < 1) {
      throw new IllegalArgumentException(
          "at least one part must be in flight, not " + partsInFlight);
    }
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.partSize = partSize;
    this.partsInFlight = partsInFlight;
  }

  @Override
  public UploadedArchive upload(
      String bucket, String key, InputStream source, long size, LongConsumer bytesSent) {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    if (size > (long) partSize * MAX_PARTS) {
      throw new IllegalArgumentException(
          size + " bytes need more than " + MAX_PARTS + " parts of " + partSize + " bytes");
    }
    abortUnfinished(bucket, key);
    String uploadId =
        call(
            S3Action.UPLOAD,
            bucket,
            key,
            () -> s3.get().createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId());
    try {
      return sendParts(bucket, key, uploadId, source, size, bytesSent);
    } catch (RuntimeException e) {
      abortQuietly(bucket, key, uploadId);
      throw e;
    }
  }

  private UploadedArchive sendParts(
      String bucket,
      String key,
      String uploadId,
      InputStream source,
      long size,
      LongConsumer bytesSent) {
    MessageDigest sha256 = digest("SHA-256");
    List<CompletedPart> parts;
    try (PartsInFlight inFlight = new PartsInFlight(partsInFlight, partSize, bytesSent)) {
      PartsInFlight.PartSender sender =
          (number, buffer, length) -> sendPart(bucket, key, uploadId, number, buffer, length);
      long read = 0;
      int number = 0;
      // An empty archive still needs one (empty) part to complete the upload.
      while (read < size || number == 0) {
        byte[] buffer = inFlight.nextBuffer();
        int wanted = (int) Math.min(partSize, size - read);
        readFully(source, buffer, wanted, read, size);
        // The archive's checksum needs the parts in order: it is taken here, on the reader.
        sha256.update(buffer, 0, wanted);
        inFlight.send(++number, buffer, wanted, sender);
        read += wanted;
      }
      expectEnd(source, size);
      parts = inFlight.finish();
    }
    call(
        S3Action.UPLOAD,
        bucket,
        key,
        () ->
            s3.get()
                .completeMultipartUpload(
                    r ->
                        r.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(parts))));
    long stored =
        call(S3Action.HEAD, bucket, key, () -> s3.get().headObject(r -> r.bucket(bucket).key(key)))
            .contentLength();
    if (stored != size) {
      call(
          S3Action.DELETE,
          bucket,
          key,
          () -> s3.get().deleteObject(r -> r.bucket(bucket).key(key)));
      throw new StorageException(
          "s3://"
              + bucket
              + "/"
              + key
              + " holds "
              + stored
              + " bytes after the upload, not "
              + size
              + "; the object was deleted, upload it again",
          "size-mismatch",
          null);
    }
    return new UploadedArchive(
        bucket, key, size, HexFormat.of().formatHex(sha256.digest()), parts.size());
  }

  private String sendPart(
      String bucket, String key, String uploadId, int number, byte[] buffer, int length) {
    return call(
        S3Action.UPLOAD,
        bucket,
        key,
        () ->
            s3.get()
                .uploadPart(
                    r ->
                        r.bucket(bucket)
                            .key(key)
                            .uploadId(uploadId)
                            .partNumber(number)
                            .contentLength((long) length),
                    RequestBody.fromInputStream(
                        new ByteArrayInputStream(buffer, 0, length), length))
                .eTag());
  }

  /**
   * Removes earlier unfinished uploads of {@code key}, so a retry starts clean and S3 bills none.
   */
  private void abortUnfinished(String bucket, String key) {
    List<MultipartUpload> unfinished =
        call(
            S3Action.LIST_UPLOADS,
            bucket,
            key,
            () -> s3.get().listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads());
    for (MultipartUpload upload : unfinished) {
      if (key.equals(upload.key())) {
        log.info("aborting an unfinished earlier upload [bucket={}, key={}]", bucket, key);
        call(
            S3Action.ABORT_UPLOAD,
            bucket,
            key,
            () ->
                s3.get()
                    .abortMultipartUpload(
                        r -> r.bucket(bucket).key(key).uploadId(upload.uploadId())));
      }
    }
  }

  private void abortQuietly(String bucket, String key, String uploadId) {
    try {
      s3.get().abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // The next upload of this key aborts it again; S3 lifecycle rules can also expire it.
      log.warn("could not abort a failed upload [bucket={}, key={}]", bucket, key, e);
    }
  }

  private static void readFully(
      InputStream source, byte[] buffer, int wanted, long sent, long size) {
    try {
      int read = source.readNBytes(buffer, 0, wanted);
      if (read < wanted) {
        throw new UploadSourceException(
            "the archive ended after " + (sent + read) + " of " + size + " bytes", null);
      }
    } catch (IOException e) {
      throw new UploadSourceException(
          "reading the archive failed after " + sent + " of " + size + " bytes: " + e.getMessage(),
          e);
    }
  }

  private static void expectEnd(InputStream source, long size) {
    try {
      if (source.read() != -1) {
        throw new UploadSourceException(
            "the archive is longer than the " + size + " bytes announced; it changed while read",
            null);
      }
    } catch (IOException e) {
      throw new UploadSourceException(
          "reading the end of the archive failed: " + e.getMessage(), e);
    }
  }

  private static <T> T call(
      S3Action action, String bucket, String key, java.util.function.Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw S3Errors.translate(e, action, bucket, key);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
    }
  }
}
