package io.gitlabopsbot.ssh;

import io.gitlabopsbot.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one host over SSH. The host key must be pinned in {@code knownHosts} (OpenSSH
 * known_hosts format; {@code [host]:port} for a port other than 22): unknown or changed keys are
 * refused. {@code useSudo} prefixes root commands with {@code sudo -n --}; without it the SSH user
 * is expected to be root. The remote login shell must be POSIX (sh, bash, dash).
 *
 * @param keepAliveInterval how often an idle connection is probed
 * @param keepAliveMaxMissed unanswered probes after which the connection counts as lost
 */
public record SshSettings(
    String host,
    int port,
    String user,
    ClientKey key,
    Optional<Secret> passphrase,
    Path knownHosts,
    Duration connectTimeout,
    Duration keepAliveInterval,
    int keepAliveMaxMissed,
    Duration defaultCommandTimeout,
    boolean useSudo) {

  public SshSettings {
    requireText(host, "host");
    requireText(user, "user");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("ssh port must be between 1 and 65535, got " + port);
    }
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(passphrase, "passphrase");
    Objects.requireNonNull(knownHosts, "knownHosts (a pinned known_hosts file is required)");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(keepAliveInterval, "keepAliveInterval");
    requirePositive(defaultCommandTimeout, "defaultCommandTimeout");
    if (keepAliveMaxMissed < 1) {
      throw new IllegalArgumentException("keepAliveMaxMissed must be at least 1");
    }
    if (connectTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connectTimeout is too long: " + connectTimeout);
    }
  }

  /**
   * How long a streamed file read may wait for the next bytes: as long as a silent connection is
   * tolerated before it counts as lost.
   */
  public Duration readIdleTimeout() {
    return keepAliveInterval.multipliedBy(keepAliveMaxMissed);
  }

  /**
   * The address as it appears in known_hosts and in messages: {@code host} or {@code [host]:port}.
   */
  public String address() {
    return port == 22 ? host : "[" + host + "]:" + port;
  }

  /** Never shows the key or the passphrase. */
  @Override
  public String toString() {
    return "SshSettings["
        + user
        + "@"
        + address()
        + ", key "
        + key.describe()
        + (passphrase.isPresent() ? " (with passphrase)" : "")
        + ", knownHosts "
        + knownHosts
        + ", connectTimeout "
        + connectTimeout
        + ", keepAlive "
        + keepAliveInterval
        + " x"
        + keepAliveMaxMissed
        + ", defaultCommandTimeout "
        + defaultCommandTimeout
        + (useSudo ? ", sudo" : ", no sudo")
        + "]";
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("ssh " + name + " must not be blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("ssh " + name + " must be a positive duration");
    }
  }

  /** Where the client's private key (OpenSSH or PEM format) comes from. */
  public sealed interface ClientKey {

    /** Safe to print: names the source, never the key. */
    String describe();

    /** The key's text itself, e.g. from an environment variable. */
    record Inline(Secret pem) implements ClientKey {
      public Inline {
        Objects.requireNonNull(pem, "pem");
      }

      @Override
      public String describe() {
        return "from a secret";
      }
    }

    /** A file holding the key. */
    record File(Path path) implements ClientKey {
      public File {
        Objects.requireNonNull(path, "path");
      }

      @Override
      public String describe() {
        return "file " + path;
      }
    }
  }
}
