package io.gitlabopsbot.ssh;

import java.util.stream.Collectors;

/**
 * Builds the command string SSH sends. The server hands it to the user's login shell, so every
 * argument is single-quoted: inside single quotes a POSIX shell expands nothing, and a single quote
 * itself is written as {@code '\''} (close, escaped quote, reopen).
 */
final class ShellQuoting {

  static final String SUDO = "sudo -n --";

  private ShellQuoting() {}

  static String quote(String argument) {
    return "'" + argument.replace("'", "'\\''") + "'";
  }

  /**
   * The quoted command line; root commands get {@code sudo -n --} when {@code useSudo} (-n: fail
   * rather than wait for a password prompt no one will answer; --: end of sudo's own options).
   */
  static String commandLine(RemoteCommand command, boolean useSudo) {
    String quoted =
        command.argv().stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    return command.asRoot() && useSudo ? SUDO + " " + quoted : quoted;
  }
}
