package io.gitlabopsbot.command;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the parser made of the text after {@code /gitlab}. */
public sealed interface ParseResult {

  /**
   * A command that matched its spec: arguments and flags are validated against it.
   *
   * @param flags flag name (without dashes) to value; boolean flags map to {@code "true"}
   */
  record Parsed(CommandSpec spec, List<String> arguments, Map<String, String> flags)
      implements ParseResult {
    public Parsed {
      Objects.requireNonNull(spec, "spec");
      arguments = List.copyOf(arguments);
      flags = Map.copyOf(flags);
    }

    public boolean flag(String name) {
      return flags.containsKey(name);
    }

    public String flagValue(String name) {
      return flags.get(name);
    }
  }

  /**
   * The input could not be understood.
   *
   * @param problem what was wrong, in one sentence that quotes the offending part
   * @param usage the usage line of the command that was meant, or null if none was recognised
   */
  record Invalid(String problem, String usage) implements ParseResult {
    public Invalid {
      Objects.requireNonNull(problem, "problem");
    }
  }
}
