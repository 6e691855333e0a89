package io.gitlabopsbot.migration.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.ssh.CommandResult;
import io.gitlabopsbot.ssh.OutputListener;
import io.gitlabopsbot.ssh.RemoteCommand;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.storage.S3ArchiveUploader;
import io.gitlabopsbot.storage.SharedS3Server;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArchiveTransferTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static final String PATH = "/var/opt/gitlab/backups/1_gitlab_backup.tar";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final byte[] archive = bytes(300_000);
  private final ScriptedHost host = new ScriptedHost();
  private String bucket;
  private ArchiveTransfer transfer;

  @BeforeEach
  void bucket() {
    bucket = "tr-" + UUID.randomUUID().toString().substring(0, 8);
    s3.client().createBucket(r -> r.bucket(bucket));
    host.content = archive;
    host.printedSha256 = sha256(archive);
    transfer =
        new ArchiveTransfer(() -> host, new S3ArchiveUploader(s3.client()), Duration.ofMinutes(1));
  }

  @Test
  void copy_runsTheHostChecksumWhileTheFileStreams() {
    // The file gives no byte until sha256sum runs: a checksum taken only after the upload would
    // never start, and the read would fail.
    host.streamWaitsForChecksum = true;

    String sent = transfer.copy(PATH, bucket, "1_gitlab_backup.tar", (bytes, size) -> {});

    assertThat(sent).isEqualTo(sha256(archive));
    assertThat(s3.client().getObjectAsBytes(r -> r.bucket(bucket).key("1_gitlab_backup.tar")))
        .satisfies(stored -> assertThat(stored.asByteArray()).isEqualTo(archive));
  }

  @Test
  void copy_whenTheHostChecksumDiffers_failsNamingBothChecksums() {
    host.printedSha256 = "0".repeat(64);

    assertThatThrownBy(() -> transfer.copy(PATH, bucket, "1_gitlab_backup.tar", (b, s) -> {}))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("has SHA-256 " + sha256(archive))
        .hasMessageContaining("the host's file has " + "0".repeat(64))
        .hasMessageContaining("changed while read");
  }

  @Test
  void copy_whenTheStreamIsCut_failsAndStopsTheHostChecksum() {
    host.cutAfter = 100_000;
    host.checksumHangs = true;

    assertThatThrownBy(() -> transfer.copy(PATH, bucket, "1_gitlab_backup.tar", (b, s) -> {}))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("uploading 1_gitlab_backup.tar failed")
        .hasMessageContaining("connection dropped");

    await().atMost(WAIT).untilTrue(host.checksumInterrupted);
    assertThat(s3.client().listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The host side at the protocol of {@link RemoteHost}: a file, its size, and a {@code sha256sum}
   * that prints what it is told; it can wait, hang or cut the stream.
   */
  private static final class ScriptedHost implements RemoteHost {
    volatile byte[] content;
    volatile String printedSha256;
    volatile boolean streamWaitsForChecksum;
    volatile boolean checksumHangs;
    volatile long cutAfter = -1;
    final AtomicBoolean checksumInterrupted = new AtomicBoolean();
    private final CountDownLatch checksumStarted = new CountDownLatch(1);

    @Override
    public CommandResult run(RemoteCommand command, Duration timeout, OutputListener output) {
      assertThat(command.argv()).containsExactly("sha256sum", PATH);
      checksumStarted.countDown();
      if (checksumHangs) {
        try {
          // Hangs as a remote command that never ends; only an interrupt ends it early.
          new CountDownLatch(1).await(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          checksumInterrupted.set(true);
          return new CommandResult.Disconnected("stopped", "");
        }
      }
      output.line(printedSha256 + "  " + PATH);
      return new CommandResult.Exited(0, printedSha256 + "  " + PATH, false);
    }

    @Override
    public CommandResult run(RemoteCommand command, OutputListener output) {
      return run(command, WAIT, output);
    }

    @Override
    public InputStream open(String path) {
      assertThat(path).isEqualTo(PATH);
      return new InputStream() {
        private int position;

        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          awaitChecksum();
          if (cutAfter >= 0 && position >= cutAfter) {
            throw new IOException("connection dropped");
          }
          long end = cutAfter >= 0 ? Math.min(cutAfter, content.length) : content.length;
          if (position >= end) {
            return -1;
          }
          int n = (int) Math.min(len, end - position);
          System.arraycopy(content, position, b, off, n);
          position += n;
          return n;
        }
      };
    }

    private void awaitChecksum() throws IOException {
      try {
        if (streamWaitsForChecksum
            && !checksumStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new IOException("sha256sum did not start while the file streamed");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }

    @Override
    public long size(String path) {
      return content.length;
    }

    @Override
    public String readText(String path, int maxBytes) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
