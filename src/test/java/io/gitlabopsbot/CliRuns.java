package io.gitlabopsbot;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs `gitlab-ops-bot run --config FILE <words…>` in-process as user alice, printing to a stream.
 */
final class CliRuns {

  private CliRuns() {}

  static int run(Path config, OutputStream out, String... words) {
    String[] args = new String[words.length + 3];
    args[0] = "run";
    args[1] = "--config";
    args[2] = config.toString();
    System.arraycopy(words, 0, args, 3, words.length);
    return Main.execute(
        args,
        Map.of("USER", "alice"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }
}
