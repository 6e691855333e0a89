package io.gitlabopsbot.migration;

import io.gitlabopsbot.ssh.SshSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OpenSSH server on a loopback port that plays an Omnibus GitLab host for end-to-end tests.
 * The login user is {@code gitlab-migrate}, not root: it runs root commands through Debian's real
 * {@code sudo} under exactly the documented sudoers file ({@code docs/migration-sudoers}), so a
 * command the file does not allow fails the test. {@code gitlab-ctl} and {@code gitlab-rake} are
 * fakes that record their argv; the files the runbook touches are created at their real absolute
 * paths ({@code /etc/gitlab}, {@code /var/opt/gitlab}, the VERSION file in {@code /opt/gitlab}) and
 * removed at {@link #close()}, and a machine with a real {@code /etc/gitlab} is refused. Start one
 * per test class and call {@link #reset()} before each test. Public for the whole-bot tests in
 * other packages.
 */
public final class OmnibusHostServer implements AutoCloseable {

  static final String GITLAB_RB = OmnibusHostFiles.GITLAB_RB;

  /** The host's gitlab-secrets.json (a local path: same machine). */
  public static final String SECRETS = OmnibusHostFiles.SECRETS;

  static final String BACKUPS = OmnibusHostFiles.BACKUPS;

  /** The GitLab version the host reports ({@code 17.5.2-ee}), as the chart fixtures' images. */
  public static final String GITLAB_VERSION = OmnibusHostFiles.GITLAB_VERSION;

  /** The data directories that reconfigure re-creates: uploads, artifacts, LFS objects. */
  static final List<String> LOCAL_DIRECTORIES = OmnibusHostFiles.LOCAL_DIRECTORIES;

  // Several test classes (two surefire forks, failsafe, other checkouts) take turns on the host's
  // paths, each for up to a few minutes on a busy machine: waiting is cheaper than failing.
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  private final Path directory;
  private final OmnibusHostCommands commands;
  private final OmnibusHostFiles files;
  private final OmnibusHostSudo sudo;
  private final OmnibusHostSshd sshd;

  private OmnibusHostServer(
      Path directory,
      OmnibusHostCommands commands,
      OmnibusHostFiles files,
      OmnibusHostSudo sudo,
      OmnibusHostSshd sshd) {
    this.directory = directory;
    this.commands = commands;
    this.files = files;
    this.sudo = sudo;
    this.sshd = sshd;
  }

  /** Starts with {@link SecretFixtures#validJson()} and {@code gitlab.rb.fresh}. */
  public static OmnibusHostServer start() {
    return start(SecretFixtures.validJson(), MigrationFixtures.freshGitLabRb());
  }

  /**
   * {@link #start()} with {@code lines} added at the end of gitlab.rb, where people often write
   * settings by hand (e.g. an SMTP password).
   */
  public static OmnibusHostServer startWithGitLabRbEnding(String lines) {
    return start(SecretFixtures.validJson(), MigrationFixtures.freshGitLabRb() + lines);
  }

  /**
   * Seeds {@code /etc/gitlab/gitlab-secrets.json} and {@code /etc/gitlab/gitlab.rb} with the given
   * texts, then starts sshd. Skips the calling test (JUnit assumption) when not run as root.
   */
  static OmnibusHostServer start(String secretsJson, String gitLabRb) {
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")),
        "the Omnibus host tests run only as root (as on CI): they start sshd and write the real"
            + " /etc/gitlab and /var/opt/gitlab; run them in a throwaway container as root");
    if (!OmnibusHostSshd.installed()) {
      throw new IllegalStateException(
          OmnibusHostSshd.SSHD + " is missing: install openssh-server (scripts/test does)");
    }
    Path directory = createDirectory();
    OmnibusHostFiles files = null;
    OmnibusHostSudo sudo = null;
    try {
      OmnibusHostCommands commands = new OmnibusHostCommands(directory.resolve("state"));
      files = OmnibusHostFiles.claim(Path.of("/"), secretsJson, gitLabRb, LOCK_WAIT);
      sudo = OmnibusHostSudo.install(commands.bin(), directory);
      OmnibusHostSshd sshd = new OmnibusHostSshd(directory);
      return new OmnibusHostServer(directory, commands, files, sudo, sshd);
    } catch (RuntimeException e) {
      if (sudo != null) {
        sudo.close();
      }
      if (files != null) {
        files.close();
      }
      deleteTree(directory);
      throw e;
    }
  }

  public int port() {
    return sshd.port();
  }

  /** The SSH login user, the one the documented sudoers file names. */
  public String user() {
    return OmnibusHostSudo.USER;
  }

  /**
   * Ready settings: the client key, the current host key pinned, {@code sudo} on, and short
   * timeouts (connect 5 s, keep-alive 1 s x 5, commands 30 s).
   */
  public SshSettings settings() {
    return new SshSettings(
        "127.0.0.1",
        port(),
        user(),
        new SshSettings.ClientKey.File(sshd.clientKey()),
        Optional.empty(),
        sshd.knownHosts(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        5,
        Duration.ofSeconds(30),
        true);
  }

  /**
   * Every call of a fake command ({@code gitlab-ctl}, {@code gitlab-rake}) since the last {@link
   * #reset()}, in order, each as its argv with the program name first.
   */
  public List<List<String>> calls() {
    return commands.calls();
  }

  /**
   * Makes the next call of {@code command} print {@code message} on stderr and exit with {@code
   * exitCode}, doing nothing else. {@code command} is {@code gitlab-ctl} or {@code gitlab-rake},
   * optionally with its first argument to target one task, e.g. {@code "gitlab-rake
   * gitlab:backup:create"}.
   */
  public void failNext(String command, int exitCode, String message) {
    commands.failNext(command, exitCode, message);
  }

  /**
   * Takes {@code program}'s lines out of the installed sudoers file until {@link #reset()}, so the
   * runbook's next {@code sudo program} is refused as on a host whose sudoers lacks it.
   */
  public void withholdSudo(String program) {
    sudo.withhold(program, directory);
  }

  /** {@link #failNext} with the error the real command prints when the disk is full. */
  void failNextWithNoSpace(String command) {
    commands.failNext(
        command,
        1,
        "rake aborted!\nErrno::ENOSPC: No space left on device @ io_write - "
            + BACKUPS
            + "/db/database.sql.gz");
  }

  /**
   * Makes the next call of {@code command} (as in {@link #failNext}) wait {@code duration} before
   * doing its work; {@link #reset()} and {@link #close()} end the wait and the call.
   */
  public void hangNext(String command, Duration duration) {
    commands.hangNext(command, duration);
  }

  /**
   * Makes every following call of {@code gitlab-ctl} and {@code gitlab-rake} (until {@link
   * #reset()}) print the host's gitlab-secrets.json first: as it is, and with its {@code \n}
   * escapes as line breaks, so each line of the PEM keys stands alone.
   */
  public void printSecrets() {
    commands.printSecrets();
  }

  /** The backup archives in {@code /var/opt/gitlab/backups} (local paths: same machine). */
  public List<Path> backups() {
    return files.backups();
  }

  /**
   * Back to the start: seeded files, no backups, no calls, no switches. The server keeps running.
   */
  public void reset() {
    sudo.restore(directory);
    commands.clear();
    files.reset();
  }

  /** Restarts sshd with the same host key; open connections are dropped. */
  public void restart() {
    sshd.restart(false);
  }

  /**
   * Restarts sshd with a new host key, as a reinstalled host would. Settings obtained before keep
   * pinning the old key; {@link #settings()} pins the new one.
   */
  void restartWithNewHostKey() {
    sshd.restart(true);
  }

  /** sshd's log (stderr), for debugging a failed test. */
  Path sshdLog() {
    return sshd.log();
  }

  /** Stops sshd and its sessions, removes /etc/gitlab, /var/opt/gitlab and the temp directory. */
  @Override
  public void close() {
    try {
      sshd.close();
      commands.clear();
    } finally {
      try {
        sudo.close();
      } finally {
        try {
          files.close();
        } finally {
          deleteTree(directory);
        }
      }
    }
  }

  private static Path createDirectory() {
    try {
      return Files.createTempDirectory("omnibus-host-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the fixture's temp directory", e);
    }
  }

  private static void deleteTree(Path tree) {
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + tree, e);
    }
  }
}
