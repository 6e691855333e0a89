package io.gitlabopsbot.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * {@link ArchiveUploader} over S3 multipart upload: one part buffer is reused for the whole
 * archive, each part carries its Content-MD5 so S3 checks it on arrival, and the finished object's
 * size is compared with the announced one. (The multipart ETag is not compared: with SSE-KMS it is
 * not derived from the content.)
 */
public final class S3ArchiveUploader implements ArchiveUploader {

  /** S3's smallest part (except the last); also the default. */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  /** S3 allows at most this many parts per upload. */
  static final int MAX_PARTS = 10_000;

  private static final Logger log = LoggerFactory.getLogger(S3ArchiveUploader.class);

  private final S3Client s3;
  private final int partSize;

  /**
   * @param partSize bytes per part, at least {@link #MIN_PART_SIZE}; the memory the upload takes
   */
  public S3ArchiveUploader(S3Client s3, int partSize) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "S3 parts must be at least " + MIN_PART_SIZE + " bytes, not " + partSize);
    }
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.partSize = partSize;
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
            () -> s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId());
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
    byte[] buffer = new byte[partSize];
    List<CompletedPart> parts = new ArrayList<>();
    long sent = 0;
    // An empty archive still needs one (empty) part to complete the upload.
    while (sent < size || parts.isEmpty()) {
      int wanted = (int) Math.min(partSize, size - sent);
      int read = readFully(source, buffer, wanted, sent, size);
      sha256.update(buffer, 0, read);
      int number = parts.size() + 1;
      MessageDigest partMd5 = digest("MD5");
      partMd5.update(buffer, 0, read);
      String md5 = Base64.getEncoder().encodeToString(partMd5.digest());
      String etag =
          call(
              S3Action.UPLOAD,
              bucket,
              key,
              () ->
                  s3.uploadPart(
                          r ->
                              r.bucket(bucket)
                                  .key(key)
                                  .uploadId(uploadId)
                                  .partNumber(number)
                                  .contentLength((long) read)
                                  .contentMD5(md5),
                          RequestBody.fromInputStream(
                              new ByteArrayInputStream(buffer, 0, read), read))
                      .eTag());
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      sent += read;
      bytesSent.accept(sent);
    }
    expectEnd(source, size);
    call(
        S3Action.UPLOAD,
        bucket,
        key,
        () ->
            s3.completeMultipartUpload(
                r ->
                    r.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts))));
    long stored =
        call(S3Action.HEAD, bucket, key, () -> s3.headObject(r -> r.bucket(bucket).key(key)))
            .contentLength();
    if (stored != size) {
      call(S3Action.DELETE, bucket, key, () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
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

  /**
   * Removes earlier unfinished uploads of {@code key}, so a retry starts clean and S3 bills none.
   */
  private void abortUnfinished(String bucket, String key) {
    List<MultipartUpload> unfinished =
        call(
            S3Action.LIST_UPLOADS,
            bucket,
            key,
            () -> s3.listMultipartUploads(r -> r.bucket(bucket).prefix(key)).uploads());
    for (MultipartUpload upload : unfinished) {
      if (key.equals(upload.key())) {
        log.info("aborting an unfinished earlier upload [bucket={}, key={}]", bucket, key);
        call(
            S3Action.ABORT_UPLOAD,
            bucket,
            key,
            () ->
                s3.abortMultipartUpload(
                    r -> r.bucket(bucket).key(key).uploadId(upload.uploadId())));
      }
    }
  }

  private void abortQuietly(String bucket, String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // The next upload of this key aborts it again; S3 lifecycle rules can also expire it.
      log.warn("could not abort a failed upload [bucket={}, key={}]", bucket, key, e);
    }
  }

  private static int readFully(
      InputStream source, byte[] buffer, int wanted, long sent, long size) {
    try {
      int read = source.readNBytes(buffer, 0, wanted);
      if (read < wanted) {
        throw new UploadSourceException(
            "the archive ended after " + (sent + read) + " of " + size + " bytes", null);
      }
      return read;
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
