package io.gitlabopsbot.migration;

import io.gitlabopsbot.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The fixture's real sshd (and the real {@code sudo}, as root) without the Omnibus files: it claims
 * no machine paths and takes no lock, so a long run (a benchmark) does not hold up the Omnibus host
 * tests. Public for the benchmarks in other packages.
 */
public final class PlainSshHost implements AutoCloseable {

  private final OmnibusHostSshd sshd;

  private PlainSshHost(OmnibusHostSshd sshd) {
    this.sshd = sshd;
  }

  /** Starts sshd with its keys in {@code directory}. */
  public static PlainSshHost start(Path directory) {
    return new PlainSshHost(new OmnibusHostSshd(directory));
  }

  public int port() {
    return sshd.port();
  }

  public Path clientKey() {
    return sshd.clientKey();
  }

  public Path knownHosts() {
    return sshd.knownHosts();
  }

  /**
   * Settings as {@link OmnibusHostServer#settings()}, with room for big files: keep-alive 5 s x 6
   * (a stream may stall 30 s), commands 10 minutes.
   */
  public SshSettings settings() {
    return new SshSettings(
        "127.0.0.1",
        port(),
        System.getProperty("user.name"),
        new SshSettings.ClientKey.File(clientKey()),
        Optional.empty(),
        knownHosts(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        6,
        Duration.ofMinutes(10),
        true);
  }

  @Override
  public void close() {
    sshd.close();
  }
}
