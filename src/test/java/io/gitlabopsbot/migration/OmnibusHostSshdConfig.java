package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes and checks the sshd_config of the fixture's sshd. */
final class OmnibusHostSshdConfig {

  private OmnibusHostSshdConfig() {}

  /**
   * Writes {@code <directory>/sshd_config} and has sshd check it ({@code -t}). OpenSSH 9.8 and
   * later penalise clients that disconnect before authenticating, as the port probe and the host
   * key tests do, so penalties are switched off where the option exists.
   */
  static Path write(Path directory, int port, Path hostKey) {
    Path config = directory.resolve("sshd_config");
    String withoutPenalties = text(directory, port, hostKey);
    writeString(config, withoutPenalties + "PerSourcePenalties no\n");
    if (check(config, directory).exitCode() != 0) {
      writeString(config, withoutPenalties);
      OmnibusHostProcesses.Result result = check(config, directory);
      if (result.exitCode() != 0) {
        throw new IllegalStateException(
            "sshd rejects the fixture's configuration " + config + ": " + result.output());
      }
    }
    return config;
  }

  private static String text(Path directory, int port, Path hostKey) {
    return String.join(
        "\n",
        "# Written by OmnibusHostServer for one test run.",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + hostKey,
        "PidFile " + directory.resolve("sshd.pid"),
        "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "UsePAM no",
        // The key files live in a temp directory whose modes sshd would otherwise refuse.
        "StrictModes no",
        "UseDNS no",
        "PrintMotd no",
        "PrintLastLog no",
        "X11Forwarding no",
        "LogLevel VERBOSE",
        // The login user is OmnibusHostSudo.USER; the fake gitlab-ctl and gitlab-rake are linked
        // into /usr/bin, where the documented sudoers file expects them. SHLVL=1 keeps bash from
        // sourcing the test user's ~/.bashrc (it does so for sshd's
        // first-level shells only): that file belongs to the developer's machine, not to the host
        // played here, and may change PATH or take long (e.g. pyenv init).
        "SetEnv PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin SHLVL=1",
        "");
  }

  private static OmnibusHostProcesses.Result check(Path config, Path directory) {
    return OmnibusHostProcesses.exec(
        List.of(OmnibusHostSshd.SSHD.toString(), "-t", "-f", config.toString()), directory);
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
