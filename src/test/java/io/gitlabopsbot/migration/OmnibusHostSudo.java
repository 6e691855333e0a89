package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The host's side of {@code sudo}: Debian's real sudo, the documented sudoers file ({@code
 * docs/migration-sudoers}, installed verbatim as {@code /etc/sudoers.d/gitlab-ops-bot-migration}),
 * the SSH user it names, and {@code gitlab-ctl}/{@code gitlab-rake} at the paths it allows ({@code
 * /usr/bin}, symlinks to the fakes as Omnibus links its own). A command the file does not allow is
 * refused by sudo, so a runbook step that needs more fails its test. Held only while the fixture
 * holds the Omnibus paths' lock.
 */
final class OmnibusHostSudo implements AutoCloseable {

  /** The documented sudoers file, the single source for the docs and this fixture. */
  static final Path SUDOERS_SOURCE = Path.of("docs", "migration-sudoers");

  /** The SSH user the documented file names. */
  static final String USER = "gitlab-migrate";

  static final Path SUDOERS = Path.of("/etc/sudoers.d/gitlab-ops-bot-migration");
  private static final Path SUDO = Path.of("/usr/bin/sudo");
  private static final Path USR_BIN = Path.of("/usr/bin");

  private final List<Path> links;
  private boolean withheld;

  private OmnibusHostSudo(List<Path> links) {
    this.links = links;
  }

  /** Installs the sudoers file, creates the user if missing, links the fake Omnibus commands. */
  static OmnibusHostSudo install(Path bin, Path directory) {
    if (!Files.isExecutable(SUDO)) {
      throw new IllegalStateException(SUDO + " is missing: install sudo (scripts/test does)");
    }
    ensureUser(directory);
    installSudoers(directory);
    List<Path> links =
        OmnibusHostCommands.PROGRAMS.stream().map(program -> USR_BIN.resolve(program)).toList();
    try {
      for (Path link : links) {
        replaceOwnLink(link);
        Files.createSymbolicLink(link, bin.resolve(link.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot link the fake Omnibus commands into " + USR_BIN, e);
    }
    return new OmnibusHostSudo(links);
  }

  @Override
  public void close() {
    try {
      for (Path link : links) {
        if (Files.isSymbolicLink(link)) {
          Files.delete(link);
        }
      }
      Files.deleteIfExists(SUDOERS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the fixture's sudo setup", e);
    }
  }

  private static void ensureUser(Path directory) {
    if (OmnibusHostProcesses.exec(List.of("id", "-u", USER), directory).exitCode() == 0) {
      return;
    }
    // Password '*' (no password login) rather than the locked '!': sshd without PAM refuses
    // public-key logins to locked accounts.
    OmnibusHostProcesses.run(
        List.of("useradd", "--create-home", "--shell", "/bin/sh", "--password", "*", USER),
        directory);
  }

  /** Installs the documented sudoers file without the lines that allow {@code program}. */
  void withhold(String program, Path directory) {
    try {
      String without =
          Files.readAllLines(SUDOERS_SOURCE).stream()
              .filter(line -> !line.strip().startsWith("/usr/bin/" + program + " "))
              .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
      installSudoers(directory, without);
      withheld = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SUDOERS_SOURCE, e);
    }
  }

  /** Puts the documented sudoers file back after {@link #withhold}. */
  void restore(Path directory) {
    if (withheld) {
      installSudoers(directory);
      withheld = false;
    }
  }

  private static void installSudoers(Path directory) {
    try {
      installSudoers(directory, Files.readString(SUDOERS_SOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SUDOERS_SOURCE, e);
    }
  }

  private static void installSudoers(Path directory, String content) {
    try {
      Path draft = directory.resolve("sudoers");
      Files.writeString(draft, content);
      OmnibusHostProcesses.Result check =
          OmnibusHostProcesses.exec(List.of("visudo", "-cf", draft.toString()), directory);
      if (check.exitCode() != 0) {
        throw new IllegalStateException("visudo rejects " + SUDOERS_SOURCE + ": " + check.output());
      }
      Files.move(draft, SUDOERS, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + SUDOERS, e);
    }
  }

  /**
   * Removes a link left by an earlier fixture that died; refuses anything else at that path (a real
   * Omnibus installation's command).
   */
  private static void replaceOwnLink(Path link) throws IOException {
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    String target = Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : "";
    if (!target.contains("/omnibus-host-")) {
      throw new IllegalStateException(
          link + " exists and is not the fixture's: refusing to replace a real GitLab command");
    }
    Files.delete(link);
  }
}
