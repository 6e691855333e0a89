package io.gitlabopsbot.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

class S3BackupStoreTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();
  private String bucket;

  @BeforeEach
  void newBucket() {
    bucket = s3.server().newBucket();
  }

  @Test
  void list_whenMorePagesThanOne_returnsEveryObjectWithSizeAndTime() {
    for (int i = 0; i < 5; i++) {
      s3.server().put(bucket, "k" + i, new byte[i * 10]);
    }

    var objects = new S3BackupStore(s3.client(), 2).list(bucket);

    assertThat(objects).extracting(StoredObject::key).containsExactly("k0", "k1", "k2", "k3", "k4");
    assertThat(objects).extracting(StoredObject::size).containsExactly(0L, 10L, 20L, 30L, 40L);
    assertThat(objects).allSatisfy(o -> assertThat(o.lastModified()).isNotNull());
  }

  @Test
  void head_whenObjectExists_returnsItsSize_andEmptyWhenMissing() {
    s3.server().put(bucket, "a.tar", new byte[1024]);
    S3BackupStore store = new S3BackupStore(s3.client());

    assertThat(store.head(bucket, "a.tar")).map(StoredObject::size).contains(1024L);
    assertThat(store.head(bucket, "missing.tar")).isEmpty();
  }

  @Test
  void readRange_returnsExactlyTheRequestedBytes_andNothingPastTheEnd() {
    s3.server().put(bucket, "t", "0123456789".getBytes(StandardCharsets.US_ASCII));
    S3BackupStore store = new S3BackupStore(s3.client());

    assertThat(new String(store.readRange(bucket, "t", 3, 4), StandardCharsets.US_ASCII))
        .isEqualTo("3456");
    assertThat(new String(store.readRange(bucket, "t", 8, 100), StandardCharsets.US_ASCII))
        .isEqualTo("89");
    assertThat(store.readRange(bucket, "t", 10, 5)).isEmpty();
  }

  @Test
  void readRange_whenLengthAboveTheCap_isRejectedBeforeAnyRequest() {
    S3BackupStore store = new S3BackupStore(s3.client());

    assertThatThrownBy(() -> store.readRange(bucket, "t", 0, BackupStore.MAX_RANGE + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to " + BackupStore.MAX_RANGE);
  }

  @Test
  void delete_removesTheObject() {
    s3.server().put(bucket, "old.tar", new byte[512]);

    new S3BackupStore(s3.client()).delete(bucket, "old.tar");

    assertThat(s3.server().exists(bucket, "old.tar")).isFalse();
  }

  @Test
  void list_whenBucketMissing_namesTheBucketAndTheSetting() {
    assertThatThrownBy(() -> new S3BackupStore(s3.client()).list("no-such-bucket"))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no-such-bucket")
        .hasMessageContaining("NoSuchBucket")
        .hasMessageContaining("backupBucket");
  }

  @Test
  void list_whenCredentialsAreWrong_saysTheCredentialsWereRejected() {
    try (S3Client wrong = s3.server().client("AKIDWRONG", "wrong-secret")) {
      assertThatThrownBy(() -> new S3BackupStore(wrong).list(bucket))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("s3://" + bucket)
          .hasMessageContaining("credentials")
          .hasMessageContaining("IRSA")
          .hasMessageNotContaining("wrong-secret");
    }
  }

  @Test
  void list_whenS3Unreachable_failsWithAClearMessage() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (S3Client unreachable =
        S3TestServer.clientFor(
            "http://127.0.0.1:" + closedPort, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)) {
      assertThatThrownBy(() -> new S3BackupStore(unreachable).list(bucket))
          .isInstanceOf(StorageException.class)
          .hasMessageStartingWith("could not reach S3 to list s3://" + bucket)
          .hasMessageContaining("endpointOverride")
          .satisfies(e -> assertThat(((StorageException) e).errorCode()).isEqualTo("unreachable"));
    }
  }
}
