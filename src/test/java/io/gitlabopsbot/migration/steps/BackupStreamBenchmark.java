package io.gitlabopsbot.migration.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.migration.PlainSshHost;
import io.gitlabopsbot.ssh.JschRemoteHost;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.ssh.SshSettings;
import io.gitlabopsbot.storage.S3ArchiveUploader;
import io.gitlabopsbot.storage.S3TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Not a test (surefire's default patterns skip it): step 2's transfer of a big backup archive from
 * a real sshd into S3Proxy, against OpenSSH's own {@code ssh … sudo cat} of the same file in the
 * same round. Per round it times: {@code sha256sum} on the host; the bot's SSH read alone (JSch,
 * bytes discarded); the bot's S3 upload alone from the local file (what S3Proxy and the SDK cost);
 * and the whole step-2 transfer ({@link ArchiveTransfer}: stream, upload, host checksum, compare),
 * sampling the heap meanwhile, between two {@code ssh cat}s to /dev/null whose mean is the ssh-cat
 * column. Run {@code scripts/bench-migration-stream}; {@code -Dbench.bytes}, {@code -Dbench.rounds}
 * and {@code -Dbench.partBytes} change the size (default 2 GiB), the rounds (3) and the part size
 * (16 MiB, as the bot).
 */
class BackupStreamBenchmark {

  private static final long SIZE = Long.getLong("bench.bytes", 2L << 30);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final int PART =
      Integer.getInteger("bench.partBytes", S3ArchiveUploader.DEFAULT_PART_SIZE);
  private static final int IN_FLIGHT =
      Integer.getInteger("bench.partsInFlight", S3ArchiveUploader.DEFAULT_PARTS_IN_FLIGHT);
  // The cipher JSch negotiates with OpenSSH (its first choice); OpenSSH's own client would pick
  // chacha20-poly1305, so ssh is told to use the bot's.
  private static final String CIPHER = System.getProperty("bench.cipher", "aes128-gcm@openssh.com");
  private static final String KEY = "1764032407_2026_11_25_17.5.2_gitlab_backup.tar";

  @TempDir Path dir;

  @Test
  void streamBackupArchiveIntoS3() throws Exception {
    long free = Files.getFileStore(dir).getUsableSpace();
    assertThat(free).as("free space for the archive").isGreaterThan(SIZE + (1L << 30));
    assertThat(Files.getFileStore(storeRoot()).getUsableSpace())
        .as("free space for the stored copy (its parts and the whole)")
        .isGreaterThan(2 * SIZE + (1L << 30));
    Path archive = dir.resolve(KEY);
    writeRandomish(archive, SIZE);
    // The S3 server's disk is not the bot's cost: its store lives in memory when it can.
    Path store = Files.createTempDirectory(storeRoot(), "bench-s3-");
    S3Proxy proxy = startS3(store);
    try (PlainSshHost host = PlainSshHost.start(Files.createDirectories(dir.resolve("host")));
        S3Client s3 =
            S3TestServer.clientFor(
                "http://127.0.0.1:" + proxy.getPort(),
                S3TestServer.ACCESS_KEY,
                S3TestServer.SECRET_KEY)) {
      String bucket = "bench-backups";
      s3.createBucket(r -> r.bucket(bucket));
      SshSettings settings = host.settings();
      Supplier<RemoteHost> hosts = () -> new JschRemoteHost(settings);
      S3ArchiveUploader uploader = new S3ArchiveUploader(s3, PART, IN_FLIGHT);
      ArchiveTransfer transfer = new ArchiveTransfer(hosts, uploader, Duration.ofMinutes(10));
      System.out.printf(
          Locale.ROOT,
          "%nbackup stream benchmark: %d MiB, cipher %s, parts of %d MiB x %d in flight, %d cores,"
              + " max heap %d MiB%n",
          SIZE >> 20,
          CIPHER,
          PART >> 20,
          IN_FLIGHT,
          Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(
          Locale.ROOT,
          "%-6s %9s %9s %9s %9s %9s %7s %10s%n",
          "round",
          "ssh-cat",
          "sha256sum",
          "jsch-read",
          "s3-only",
          "bot",
          "ratio",
          "peak-heap");
      List<double[]> rows = new ArrayList<>();
      for (int round = 1; round <= ROUNDS; round++) {
        double sum = seconds(() -> sshSha256(host, archive));
        double read = seconds(() -> jschRead(hosts, archive));
        Sampler s3Cpu = Sampler.start();
        double s3Only =
            seconds(
                () -> {
                  try (InputStream in = Files.newInputStream(archive)) {
                    uploader.upload(bucket, KEY, in, SIZE, sent -> {});
                  }
                });
        s3Cpu.stop();
        s3.deleteObject(r -> r.bucket(bucket).key(KEY));
        // ssh cat right before and right after the bot's transfer: the load of a shared machine
        // changes by the minute, and the ratio compares the transfer with their mean.
        double catBefore = seconds(() -> sshCat(host, archive));
        Sampler heap = Sampler.start();
        double bot =
            seconds(() -> transfer.copy(archive.toString(), bucket, KEY, (sent, size) -> {}));
        long peak = heap.stop();
        double cat = (catBefore + seconds(() -> sshCat(host, archive))) / 2;
        s3.deleteObject(r -> r.bucket(bucket).key(KEY));
        double[] row = {cat, sum, read, s3Only, bot, bot / cat, peak >> 20};
        rows.add(row);
        System.out.printf(
            Locale.ROOT,
            "%-6d %8.1fs %8.1fs %8.1fs %8.1fs %8.1fs %6.2fx %7.0f MiB%n",
            round,
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6]);
        System.out.println("       s3-only " + s3Cpu.cpu() + "; bot " + heap.cpu());
      }
      System.out.printf(
          Locale.ROOT,
          "%-6s %8.1fs %8.1fs %8.1fs %8.1fs %8.1fs %6.2fx %7.0f MiB%n%n",
          "median",
          median(rows, 0),
          median(rows, 1),
          median(rows, 2),
          median(rows, 3),
          median(rows, 4),
          median(rows, 5),
          median(rows, 6));
    } finally {
      proxy.stop();
      Files.deleteIfExists(archive);
      deleteTree(store);
    }
  }

  /** OpenSSH's client, the same user, key, pinned host key and {@code sudo} as the bot. */
  private static void sshCat(PlainSshHost host, Path file) throws Exception {
    run(ssh(host, "sudo", "-n", "--", "cat", "--", file.toString()));
  }

  private static void sshSha256(PlainSshHost host, Path file) throws Exception {
    run(ssh(host, "sudo", "-n", "--", "sha256sum", "--", file.toString()));
  }

  private static List<String> ssh(PlainSshHost host, String... command) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ssh",
                "-T",
                "-c",
                CIPHER,
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "UserKnownHostsFile=" + host.knownHosts(),
                "-o",
                "IdentitiesOnly=yes",
                "-i",
                host.clientKey().toString(),
                "-p",
                Integer.toString(host.port()),
                System.getProperty("user.name") + "@127.0.0.1"));
    argv.addAll(List.of(command));
    return argv;
  }

  private static void run(List<String> argv) throws Exception {
    Process process =
        new ProcessBuilder(argv)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    assertThat(process.waitFor()).as(String.join(" ", argv)).isZero();
  }

  private static void jschRead(Supplier<RemoteHost> hosts, Path file) throws IOException {
    byte[] buffer = new byte[1 << 20];
    long total = 0;
    try (RemoteHost host = hosts.get();
        InputStream in = host.open(file.toString())) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
    }
    assertThat(total).isEqualTo(SIZE);
  }

  /** Pseudo-random bytes: neither SSH nor anything else can compress them. */
  private static void writeRandomish(Path file, long size) throws IOException {
    SplittableRandom random = new SplittableRandom(17);
    ByteBuffer block = ByteBuffer.allocateDirect(4 << 20);
    try (FileChannel out =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long left = size;
      while (left > 0) {
        block.clear();
        while (block.remaining() >= Long.BYTES) {
          block.putLong(random.nextLong());
        }
        block.flip();
        block.limit((int) Math.min(block.limit(), left));
        left -= block.remaining();
        while (block.hasRemaining()) {
          out.write(block);
        }
      }
    }
  }

  private static Path storeRoot() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? shm
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static void deleteTree(Path tree) throws IOException {
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static S3Proxy startS3(Path directory) throws Exception {
    Files.createDirectories(directory);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(new FilesystemNio2BlobStore(directory.toString()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)
            .stopTimeout(100)
            .build();
    proxy.start();
    return proxy;
  }

  private static double seconds(Timed action) throws Exception {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static double median(List<double[]> rows, int column) {
    List<Double> values =
        rows.stream().map(row -> row[column]).sorted(Comparator.naturalOrder()).toList();
    int middle = values.size() / 2;
    return values.size() % 2 == 1
        ? values.get(middle)
        : (values.get(middle - 1) + values.get(middle)) / 2;
  }

  private interface Timed {
    void run() throws Exception;
  }

  /**
   * While it runs: the largest heap use, sampled every 5 ms after a collection, and the CPU time of
   * each thread, so the time the S3 server spends in this JVM can be told from the bot's own.
   */
  private static final class Sampler {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peak = new AtomicLong();
    private final Map<Long, long[]> cpu = new ConcurrentHashMap<>();
    private final Map<Long, String> names = new ConcurrentHashMap<>();
    private final Thread thread;

    private Sampler() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      memory.gc();
      Map<Long, Long> before = new HashMap<>();
      for (long id : threads.getAllThreadIds()) {
        before.put(id, Math.max(0, threads.getThreadCpuTime(id)));
      }
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                    if (info == null) {
                      continue;
                    }
                    long id = info.getThreadId();
                    long now = threads.getThreadCpuTime(id);
                    if (now > 0) {
                      names.put(id, info.getThreadName());
                      cpu.computeIfAbsent(id, k -> new long[1])[0] =
                          now - before.getOrDefault(id, 0L);
                    }
                  }
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "benchmark-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    static Sampler start() {
      return new Sampler();
    }

    /** Stops; returns the peak heap in bytes. */
    long stop() throws InterruptedException {
      running.set(false);
      thread.join();
      return peak.get();
    }

    /**
     * CPU seconds by kind of thread: the bot (the part senders shown apart), the JSch transport,
     * the S3 server (Jetty, S3Proxy).
     */
    String cpu() {
      double server = 0;
      double ssh = 0;
      double bot = 0;
      double senders = 0;
      for (Map.Entry<Long, long[]> entry : cpu.entrySet()) {
        String name = names.getOrDefault(entry.getKey(), "");
        double seconds = entry.getValue()[0] / 1e9;
        if (name.equals("benchmark-sampler")) {
          continue;
        } else if (name.startsWith("qtp") || name.contains("S3Proxy") || name.contains("jetty")) {
          server += seconds;
        } else if (name.startsWith("Connect thread")) {
          ssh += seconds;
        } else if (name.startsWith("s3-part-sender")) {
          senders += seconds;
        } else {
          bot += seconds;
        }
      }
      return String.format(
          Locale.ROOT,
          "cpu: bot %.1fs (of which part senders %.1fs), jsch %.1fs, s3proxy %.1fs",
          bot + senders,
          senders,
          ssh,
          server);
    }
  }
}
