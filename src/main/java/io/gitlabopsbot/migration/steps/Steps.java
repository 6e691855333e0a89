package io.gitlabopsbot.migration.steps;

import java.util.List;
import java.util.stream.Collectors;

/** Small texts shared by the step procedures. */
final class Steps {

  private Steps() {}

  /** The commands as a person would type them, one per line (arguments are never secrets). */
  static String describe(List<List<String>> commands) {
    return commands.stream()
        .map(argv -> "sudo " + String.join(" ", argv))
        .collect(Collectors.joining("\n"));
  }
}
