package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the short local programs the fixture needs (ssh-keygen, sshd -t) and ends processes. */
final class OmnibusHostProcesses {

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(10);
  private static final int TAIL_CHARS = 2000;

  private OmnibusHostProcesses() {}

  /** How a program ended and what it printed (stdout and stderr together). */
  record Result(int exitCode, String output) {}

  /** Runs {@code argv} in {@code directory}, waiting at most 10 seconds. */
  static Result exec(List<String> argv, Path directory) {
    Path output = directory.resolve("command.out");
    try {
      Process process =
          new ProcessBuilder(argv)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(argv.get(0) + " did not finish within " + RUN_TIMEOUT);
      }
      return new Result(process.exitValue(), tail(output));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + argv.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + argv.get(0), e);
    }
  }

  /** Like {@link #exec} but a non-zero exit status is an error. */
  static void run(List<String> argv, Path directory) {
    Result result = exec(argv, directory);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          argv.get(0) + " failed with status " + result.exitCode() + ": " + result.output());
    }
  }

  /** Sends SIGTERM, then SIGKILL if the process is still there after {@code grace}. */
  static void terminate(ProcessHandle process, Duration grace) {
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } catch (Exception e) {
      process.destroyForcibly();
    }
  }

  /** The end of a log file, for error messages. */
  static String tail(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.length() <= TAIL_CHARS ? text : text.substring(text.length() - TAIL_CHARS);
    } catch (IOException e) {
      return "(" + file + " cannot be read: " + e.getMessage() + ")";
    }
  }
}
