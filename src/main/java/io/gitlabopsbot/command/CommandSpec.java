package io.gitlabopsbot.command;

import io.gitlabopsbot.config.Role;
import java.util.List;
import java.util.Objects;

/**
 * What a command looks like and who may run it. A command is addressed by its path, one or two
 * words ({@code help}, {@code backup now}); the parser picks the longest registered path that
 * matches the start of the input.
 *
 * @param path the words that name the command, e.g. {@code "backup now"}
 * @param arguments positional arguments in order
 * @param flags the {@code --flags} this command accepts, besides the global ones
 * @param summary one line for {@code help}
 * @param role the role a caller needs
 * @param longRunning true when the work is done in the background with a progress message
 */
public record CommandSpec(
    String path,
    List<ArgumentSpec> arguments,
    List<FlagSpec> flags,
    String summary,
    Role role,
    boolean longRunning) {

  public CommandSpec {
    Objects.requireNonNull(path, "path");
    arguments = List.copyOf(arguments);
    flags = List.copyOf(flags);
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(role, "role");
  }

  /** The usage line shown in help and in error messages, e.g. {@code /gitlab audit [n]}. */
  public String usage(String slashCommand) {
    StringBuilder usage = new StringBuilder(slashCommand).append(' ').append(path);
    for (ArgumentSpec argument : arguments) {
      usage
          .append(' ')
          .append(argument.required() ? "<" + argument.name() + ">" : "[" + argument.name() + "]");
    }
    for (FlagSpec flag : flags) {
      usage.append(" [--").append(flag.name());
      if (flag.valueName() != null) {
        usage.append(' ').append(flag.valueName());
      }
      usage.append(']');
    }
    return usage.toString();
  }

  /**
   * A positional argument.
   *
   * @param pattern a regular expression the whole value must match, or null for any value
   * @param expected what a valid value looks like, for error messages
   */
  public record ArgumentSpec(String name, boolean required, String pattern, String expected) {}

  /**
   * A {@code --flag}.
   *
   * @param valueName null for a boolean flag, else the placeholder shown in usage ({@code <name>})
   * @param pattern a regular expression the whole value must match, or null for any value
   * @param secret true when the value must be redacted in the audit log
   */
  public record FlagSpec(
      String name, String valueName, String pattern, String description, boolean secret) {

    public static FlagSpec bool(String name, String description) {
      return new FlagSpec(name, null, null, description, false);
    }

    public static FlagSpec valued(
        String name, String valueName, String pattern, String description) {
      return new FlagSpec(name, valueName, pattern, description, false);
    }

    public boolean takesValue() {
      return valueName != null;
    }
  }
}
