package io.gitlabopsbot.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JschRemoteHostFileTest {

  private static final int MIB = 1024 * 1024;

  @TempDir Path directory;
  private TestSshServer server;
  private JschRemoteHost host;

  @BeforeEach
  void start() throws Exception {
    server = new TestSshServer(directory);
    host = new JschRemoteHost(server.settings(true));
  }

  @AfterEach
  void stop() throws Exception {
    host.close();
    server.close();
  }

  @Test
  void open_streamsA50MegabyteFileCompletelyThroughTheBoundedBuffer() throws Exception {
    Path backup = randomFile("1700000000_2026_01_01_17.5.0_gitlab_backup.tar", 50 * MIB);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    long read = 0;
    byte[] chunk = new byte[64 * 1024];

    try (InputStream in = new DigestInputStream(host.open(backup.toString()), digest)) {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        read += n;
      }
    }

    assertThat(read).isEqualTo(50L * MIB);
    assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha256(backup));
    assertThat(RemoteFileStream.BUFFER_BYTES).isLessThan(MIB);
    assertThat(server.commands).containsExactly("sudo -n -- 'cat' '--' '" + backup + "'");
  }

  @Test
  void open_whenConnectionDropsMidStream_failsInsteadOfEndingEarly() throws Exception {
    Path backup = randomFile("big.tar", 16 * MIB);
    InputStream in = host.open(backup.toString());
    assertThat(in.read()).isNotNegative();

    server.dropAllSessions();

    assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("reading " + backup)
        .hasMessageContaining("dropped");
    in.close();
  }

  @Test
  void open_whenFileIsMissing_failsWithTheRemoteError() {
    Path missing = directory.resolve("missing.tar");

    assertThatThrownBy(
            () -> {
              try (InputStream in = host.open(missing.toString())) {
                in.transferTo(OutputStream.nullOutputStream());
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after 0 bytes")
        .hasMessageContaining("No such file");
  }

  @Test
  void open_whenNoDataArrives_failsAfterTheIdleBound() throws Exception {
    // cat blocks opening a FIFO nobody writes to: a remote read that hangs.
    Path fifo = directory.resolve("stuck");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    long started = System.nanoTime();

    try (InputStream in = host.open(fifo.toString())) {
      assertThatThrownBy(in::read)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("no data arrived for PT3S");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void open_closedEarly_leavesTheConnectionUsable() throws Exception {
    Path backup = randomFile("big.tar", 8 * MIB);
    try (InputStream in = host.open(backup.toString())) {
      assertThat(in.readNBytes(1000)).hasSize(1000);
    }

    assertThat(host.run(RemoteCommand.of("echo", "ok"), OutputListener.ignore()).succeeded())
        .isTrue();
  }

  @Test
  void size_returnsTheByteCount() throws Exception {
    Path file = Files.writeString(directory.resolve("gitlab-secrets.json"), "{\"a\":1}");

    assertThat(host.size(file.toString())).isEqualTo(7);
  }

  @Test
  void size_whenFileIsMissing_saysSo() {
    assertThatThrownBy(() -> host.size(directory.resolve("nope").toString()))
        .isInstanceOf(SshException.RemoteFileFailed.class)
        .hasMessageContaining("No such file");
  }

  @Test
  void readText_returnsContentUpToTheLimitAndRefusesMore() throws Exception {
    Path file = Files.writeString(directory.resolve("gitlab.rb"), "external_url 'x'\n");

    assertThat(host.readText(file.toString(), 17)).isEqualTo("external_url 'x'\n");
    assertThatThrownBy(() -> host.readText(file.toString(), 16))
        .isInstanceOf(SshException.RemoteFileFailed.class)
        .hasMessageContaining("larger than 16 bytes");
  }

  private Path randomFile(String name, int size) throws IOException {
    Path file = directory.resolve(name);
    Random random = new Random(42);
    byte[] block = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < size / MIB; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
    return file;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
