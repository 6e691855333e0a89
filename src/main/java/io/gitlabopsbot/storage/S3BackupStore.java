package io.gitlabopsbot.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link BackupStore} on Amazon S3 or an S3-compatible server, through a client whose calls have
 * time limits (see {@code aws/AwsClients}).
 */
public final class S3BackupStore implements BackupStore {

  /** Stops a runaway listing: at 1,000 keys a page, a million objects. */
  static final int MAX_PAGES = 1000;

  private final Supplier<S3Client> s3;
  private final int pageSize;

  public S3BackupStore(S3Client s3) {
    this(() -> s3, 1000);
  }

  /** Over a client built on first use (most commands never touch S3). */
  public S3BackupStore(Supplier<S3Client> s3) {
    this(s3, 1000);
  }

  /** With a smaller page size, so tests can check pagination on a few objects. */
  S3BackupStore(S3Client s3, int pageSize) {
    this(() -> s3, pageSize);
  }

  private S3BackupStore(Supplier<S3Client> s3, int pageSize) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.pageSize = pageSize;
  }

  @Override
  public List<StoredObject> list(String bucket) {
    List<StoredObject> objects = new ArrayList<>();
    String token = null;
    try {
      for (int page = 0; page < MAX_PAGES; page++) {
        String continuation = token;
        ListObjectsV2Response response =
            s3.get()
                .listObjectsV2(
                    r -> r.bucket(bucket).maxKeys(pageSize).continuationToken(continuation));
        for (S3Object object : response.contents()) {
          objects.add(new StoredObject(object.key(), object.size(), object.lastModified()));
        }
        token = response.nextContinuationToken();
        if (!Boolean.TRUE.equals(response.isTruncated()) || token == null) {
          return objects;
        }
      }
    } catch (SdkException e) {
      throw S3Errors.translate(e, S3Action.LIST, bucket, null);
    }
    throw new StorageException(
        "s3://"
            + bucket
            + " holds more than "
            + (long) MAX_PAGES * pageSize
            + " objects; listing stopped, move old objects elsewhere or use a dedicated bucket",
        "too-many-objects",
        null);
  }

  /** Whether the bot sees {@code bucket}; a bucket it may not read counts as present. */
  public boolean bucketExists(String bucket) {
    try {
      s3.get().headBucket(r -> r.bucket(bucket));
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      // 403: it exists but the bot's role may not look at it; the host's instance profile may.
      return e.statusCode() == 403;
    }
  }

  @Override
  public Optional<StoredObject> head(String bucket, String key) {
    try {
      HeadObjectResponse head = s3.get().headObject(r -> r.bucket(bucket).key(key));
      return Optional.of(new StoredObject(key, head.contentLength(), head.lastModified()));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw S3Errors.translate(e, S3Action.HEAD, bucket, key);
    } catch (SdkException e) {
      throw S3Errors.translate(e, S3Action.HEAD, bucket, key);
    }
  }

  @Override
  public byte[] readRange(String bucket, String key, long offset, int length) {
    if (length < 1 || length > MAX_RANGE) {
      throw new IllegalArgumentException(
          "a range read takes 1 to " + MAX_RANGE + " bytes, not " + length);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try (ResponseInputStream<GetObjectResponse> body =
        s3.get().getObject(r -> r.bucket(bucket).key(key).range(range))) {
      if (offset > 0 && body.response().contentRange() == null) {
        // A server that ignores Range sends the object from byte 0: those bytes would be wrong.
        body.abort();
        throw new StorageException(
            "the S3 server ignored the byte range when reading s3://" + bucket + "/" + key,
            "range-ignored",
            null);
      }
      byte[] bytes = body.readNBytes(length);
      if (body.read() >= 0) {
        body.abort();
      }
      return bytes;
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return new byte[0];
      }
      throw S3Errors.translate(e, S3Action.READ, bucket, key);
    } catch (SdkException e) {
      throw S3Errors.translate(e, S3Action.READ, bucket, key);
    } catch (IOException e) {
      throw new StorageException(
          "reading s3://" + bucket + "/" + key + " broke off: " + e.getMessage() + "; try again",
          "read-failed",
          e);
    }
  }

  @Override
  public void delete(String bucket, String key) {
    try {
      s3.get().deleteObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Errors.translate(e, S3Action.DELETE, bucket, key);
    }
  }
}
