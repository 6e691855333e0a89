package io.gitlabopsbot.migration;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Debian's OpenSSH {@code sshd} on a loopback port, run from its own directory with its own host
 * key and one authorized client key. It can be restarted on the same port, with the same or a new
 * host key.
 */
final class OmnibusHostSshd implements AutoCloseable {

  static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Path directory;
  private final Path hostKey;
  private final Path clientKey;
  private final Path log;
  private int port;
  private int generation;
  private Path knownHosts;
  private Process process;

  OmnibusHostSshd(Path directory) {
    this.directory = directory;
    this.hostKey = directory.resolve("ssh_host_ed25519_key");
    this.clientKey = directory.resolve("id_ed25519");
    this.log = directory.resolve("sshd.log");
    keygen(clientKey);
    try {
      // sshd's privilege separation directory; Debian's package creates it only at boot.
      Files.createDirectories(Path.of("/run/sshd"));
      Files.copy(directory.resolve("id_ed25519.pub"), directory.resolve("authorized_keys"));
      // sshd reads authorized_keys as the (non-root) login user; the private keys stay 0600.
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(
          directory.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare sshd's files in " + directory, e);
    }
    newHostKey();
    startOnFreePort();
  }

  int port() {
    return port;
  }

  /** The client's private key (OpenSSH format, no passphrase). */
  Path clientKey() {
    return clientKey;
  }

  /** A known_hosts file pinning the current host key for {@code [127.0.0.1]:port}. */
  Path knownHosts() {
    return knownHosts;
  }

  Path log() {
    return log;
  }

  /** Stops sshd (and every session) and starts it again on the same port. */
  void restart(boolean withNewHostKey) {
    stop();
    if (withNewHostKey) {
      newHostKey();
    }
    start();
  }

  @Override
  public void close() {
    stop();
  }

  private void startOnFreePort() {
    // A free port may be taken between the probe and sshd's bind: try a few.
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      writeKnownHosts();
      try {
        start();
        return;
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  private void start() {
    Path config = OmnibusHostSshdConfig.write(directory, port, hostKey);
    ProcessBuilder builder =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + SSHD + "; is openssh-server installed?", e);
    }
    try {
      await()
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> !process.isAlive() || accepts());
    } catch (ConditionTimeoutException e) {
      stop();
      throw new IllegalStateException(
          "sshd did not accept connections on port " + port + " within " + START_TIMEOUT, e);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "sshd exited with status "
              + process.exitValue()
              + " on port "
              + port
              + "; its log "
              + log
              + " says: "
              + OmnibusHostProcesses.tail(log));
    }
  }

  /** Ends sshd and its children: the per-connection processes and the commands they run. */
  private void stop() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    OmnibusHostProcesses.terminate(process.toHandle(), STOP_TIMEOUT);
    children.forEach(child -> OmnibusHostProcesses.terminate(child, STOP_TIMEOUT));
    process = null;
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void newHostKey() {
    keygen(hostKey);
    generation++;
    if (port != 0) {
      writeKnownHosts();
    }
  }

  private void writeKnownHosts() {
    try {
      String publicKey = Files.readString(directory.resolve(hostKey.getFileName() + ".pub"));
      String[] parts = publicKey.strip().split(" ");
      // A new file per key and port: settings handed out earlier keep pinning the old key.
      knownHosts = directory.resolve("known_hosts." + port + "." + generation);
      Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pinned known_hosts file", e);
    }
  }

  private void keygen(Path key) {
    try {
      Files.deleteIfExists(key);
      Files.deleteIfExists(directory.resolve(key.getFileName() + ".pub"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + key, e);
    }
    OmnibusHostProcesses.run(
        List.of(
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-C",
            "omnibus-host",
            "-f",
            key.toString()),
        directory);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free loopback port", e);
    }
  }

  static boolean installed() {
    return Files.isExecutable(SSHD);
  }
}
