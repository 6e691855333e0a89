package io.gitlabopsbot.ssh;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A command to run on a remote host: an argument list (never a shell string; each argument reaches
 * the program literally), whether it needs root, and optional bytes for its standard input (e.g.
 * the new content of a file written with {@code tee}).
 */
public record RemoteCommand(List<String> argv, boolean asRoot, byte[] stdin) {

  public RemoteCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a remote command needs at least the program name");
    }
    for (String argument : argv) {
      // A NUL byte cannot be passed through a command line; it would silently cut the argument.
      if (argument.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("a remote command argument contains a NUL character");
      }
    }
    stdin = stdin == null ? new byte[0] : stdin.clone();
  }

  /** A command run as the SSH user. */
  public static RemoteCommand of(String... argv) {
    return new RemoteCommand(List.of(argv), false, null);
  }

  /** A command run as root (through {@code sudo -n} when the settings say so). */
  public static RemoteCommand asRoot(String... argv) {
    return new RemoteCommand(List.of(argv), true, null);
  }

  /** The same command with {@code bytes} as its standard input. */
  public RemoteCommand withStdin(byte[] bytes) {
    return new RemoteCommand(argv, asRoot, Objects.requireNonNull(bytes, "bytes"));
  }

  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RemoteCommand that
        && argv.equals(that.argv)
        && asRoot == that.asRoot
        && Arrays.equals(stdin, that.stdin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(argv, asRoot, Arrays.hashCode(stdin));
  }

  /** Shows the size of stdin only: it may be a secrets file. */
  @Override
  public String toString() {
    return "RemoteCommand"
        + argv
        + (asRoot ? " as root" : "")
        + (stdin.length > 0 ? " with " + stdin.length + " bytes of stdin" : "");
  }
}
