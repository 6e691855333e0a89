package io.gitlabopsbot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

class S3ArchiveUploaderTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static final int PART = S3ArchiveUploader.MIN_PART_SIZE;

  private String bucket;
  private S3Client client;
  private S3ArchiveUploader uploader;

  @BeforeEach
  void bucket() {
    client = s3.client();
    bucket = "up-" + UUID.randomUUID().toString().substring(0, 8);
    client.createBucket(r -> r.bucket(bucket));
    uploader = new S3ArchiveUploader(client, PART, 2);
  }

  @Test
  void upload_ofSeveralParts_storesTheExactBytesAndReportsProgressPerPart() throws Exception {
    byte[] archive = bytes(2 * PART + 12_345);
    List<Long> progress = new ArrayList<>();

    ArchiveUploader.UploadedArchive uploaded =
        uploader.upload(
            bucket,
            "1764032407_2026_11_25_17.5.2_gitlab_backup.tar",
            new ByteArrayInputStream(archive),
            archive.length,
            progress::add);

    assertThat(uploaded.parts()).isEqualTo(3);
    assertThat(uploaded.size()).isEqualTo(archive.length);
    assertThat(uploaded.sha256()).isEqualTo(sha256(archive));
    // Parts in flight may be acknowledged in any order: the total grows once per part.
    assertThat(progress)
        .hasSize(3)
        .isSorted()
        .doesNotHaveDuplicates()
        .endsWith((long) archive.length);
    byte[] stored =
        client
            .getObjectAsBytes(
                r -> r.bucket(bucket).key("1764032407_2026_11_25_17.5.2_gitlab_backup.tar"))
            .asByteArray();
    assertThat(sha256(stored)).isEqualTo(sha256(archive));
  }

  @Test
  void upload_ofAnEmptyArchive_storesAnEmptyObject() {
    ArchiveUploader.UploadedArchive uploaded =
        uploader.upload(bucket, "empty.tar", InputStream.nullInputStream(), 0, sent -> {});

    assertThat(uploaded.parts()).isEqualTo(1);
    assertThat(client.headObject(r -> r.bucket(bucket).key("empty.tar")).contentLength()).isZero();
  }

  @Test
  void upload_whenTheSourceEndsEarly_failsAndLeavesNothingBehind() {
    byte[] archive = bytes(PART + 10);

    assertThatThrownBy(
            () ->
                uploader.upload(
                    bucket, "short.tar", new ByteArrayInputStream(archive), PART + 500L, s -> {}))
        .isInstanceOf(UploadSourceException.class)
        .hasMessageContaining("ended after " + (PART + 10) + " of " + (PART + 500));

    assertNothingLeft("short.tar");
  }

  @Test
  void upload_whenReadingTheSourceFailsMidway_abortsAndLeavesNothingBehind() {
    InputStream dropping = new FailingAfter(new ByteArrayInputStream(bytes(3 * PART)), PART + 7);

    assertThatThrownBy(() -> uploader.upload(bucket, "drop.tar", dropping, 3L * PART, s -> {}))
        .isInstanceOf(UploadSourceException.class)
        .hasMessageContaining("after " + PART + " of " + 3L * PART)
        .hasRootCauseMessage("connection dropped");

    assertNothingLeft("drop.tar");
  }

  @Test
  void upload_whenTheSourceIsLongerThanAnnounced_refusesIt() {
    byte[] archive = bytes(PART + 100);

    assertThatThrownBy(
            () ->
                uploader.upload(
                    bucket, "grew.tar", new ByteArrayInputStream(archive), PART + 99L, s -> {}))
        .isInstanceOf(UploadSourceException.class)
        .hasMessageContaining("longer than the " + (PART + 99) + " bytes announced");

    assertNothingLeft("grew.tar");
  }

  @Test
  void upload_afterAnInterruptedEarlierUpload_abortsTheOldOneAndStartsClean() {
    String stale = client.createMultipartUpload(r -> r.bucket(bucket).key("again.tar")).uploadId();

    uploader.upload(bucket, "again.tar", new ByteArrayInputStream(bytes(10)), 10, s -> {});

    assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads())
        .noneMatch(u -> u.uploadId().equals(stale));
    assertThat(client.headObject(r -> r.bucket(bucket).key("again.tar")).contentLength())
        .isEqualTo(10);
  }

  @Test
  void upload_toAMissingBucket_namesTheBucket() {
    assertThatThrownBy(
            () ->
                uploader.upload(
                    "no-such-bucket-x", "a.tar", new ByteArrayInputStream(bytes(1)), 1, s -> {}))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no-such-bucket-x");
  }

  @Test
  void constructor_withPartsSmallerThanS3Allows_isRefused() {
    assertThatThrownBy(() -> new S3ArchiveUploader(client, PART - 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertNothingLeft(String key) {
    assertThatThrownBy(() -> client.headObject(r -> r.bucket(bucket).key(key)))
        .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
    assertThat(client.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Stands in for an SSH stream whose connection drops after some bytes. */
  private static final class FailingAfter extends java.io.FilterInputStream {
    private long left;

    FailingAfter(InputStream in, long bytes) {
      super(in);
      this.left = bytes;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("connection dropped");
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      left -= n;
      return n;
    }
  }
}
