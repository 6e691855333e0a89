package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fixture's side of the fake host commands ({@code gitlab-ctl}, {@code gitlab-rake}; {@code
 * sudo} is the real one, see {@link OmnibusHostSudo}): installs the scripts into {@code
 * <state>/bin}, reads the calls they record in {@code <state>/calls.log}, and sets the one-shot
 * switches in {@code <state>/switches} that make the next matching call fail or hang.
 */
final class OmnibusHostCommands {

  static final Set<String> PROGRAMS = Set.of("gitlab-ctl", "gitlab-rake");
  private static final String RESOURCES = "/migration/omnibus-host/";
  // The scripts separate arguments with the ASCII unit separator, which no argument here contains.
  private static final String UNIT_SEPARATOR = "\u001f";

  private final Path state;
  private final Path calls;
  private final Path switches;

  OmnibusHostCommands(Path state) {
    this.state = state;
    this.calls = state.resolve("calls.log");
    this.switches = state.resolve("switches");
    try {
      Files.createDirectories(switches);
      Files.createDirectories(bin());
      install("fake-lib.sh", state.resolve("fake-lib.sh"));
      for (String program : PROGRAMS) {
        install(program, bin().resolve(program));
      }
      clear();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the fake Omnibus commands in " + state, e);
    }
  }

  /** The directory the SSH session's PATH starts with. */
  Path bin() {
    return state.resolve("bin");
  }

  /** Every recorded call in order, each as its argv (program name first). */
  List<List<String>> calls() {
    try {
      return Files.readAllLines(calls, StandardCharsets.UTF_8).stream()
          .map(line -> Arrays.asList(line.split(UNIT_SEPARATOR, -1)))
          // Each argument ends with a separator: drop the empty piece after the last one.
          .map(argv -> List.copyOf(argv.subList(0, argv.size() - 1)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + calls, e);
    }
  }

  /** Forgets the recorded calls and removes every switch; a call hanging on one stops. */
  void clear() {
    try {
      Files.writeString(calls, "");
      try (Stream<Path> paths = Files.walk(switches)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(switches)) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the calls and switches in " + state, e);
    }
  }

  /** See {@link OmnibusHostServer#failNext}. */
  void failNext(String command, int exitCode, String message) {
    if (exitCode < 1 || exitCode > 255) {
      throw new IllegalArgumentException("exit code must be 1..255, got " + exitCode);
    }
    set(command, "exit", Integer.toString(exitCode), "message", message + "\n");
  }

  /** See {@link OmnibusHostServer#printSecrets}. */
  void printSecrets() {
    try {
      Files.writeString(switches.resolve("print-secrets"), "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the print-secrets switch in " + state, e);
    }
  }

  /** See {@link OmnibusHostServer#hangNext}. */
  void hangNext(String command, Duration duration) {
    long tenths = Math.max(1, (duration.toMillis() + 99) / 100);
    set(command, "hang-tenths", Long.toString(tenths), null, null);
  }

  private void set(String command, String file, String value, String file2, String value2) {
    String name = switchName(command);
    Path target = switches.resolve(name);
    if (Files.exists(target)) {
      throw new IllegalStateException("a switch for '" + command + "' is already set");
    }
    try {
      // Written aside and renamed, so a command never sees half a switch.
      Path draft = Files.createTempDirectory(state, "switch");
      Files.writeString(draft.resolve(file), value);
      if (file2 != null) {
        Files.writeString(draft.resolve(file2), value2);
      }
      Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set the switch for '" + command + "'", e);
    }
  }

  /** "gitlab-rake" or "gitlab-rake gitlab:backup:create" (program and its first argument). */
  private static String switchName(String command) {
    String[] words = command.strip().split(" +");
    if (words.length > 2 || !PROGRAMS.contains(words[0]) || command.contains("/")) {
      throw new IllegalArgumentException(
          "a switch is for a program "
              + PROGRAMS
              + ", optionally followed by its first argument, e.g. 'gitlab-rake"
              + " gitlab:backup:create'; got '"
              + command
              + "'");
    }
    return String.join("@", words);
  }

  private void install(String resource, Path target) throws IOException {
    try (InputStream in = OmnibusHostCommands.class.getResourceAsStream(RESOURCES + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCES + resource);
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(target, script.replace("@STATE@", state.toString()));
    }
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
