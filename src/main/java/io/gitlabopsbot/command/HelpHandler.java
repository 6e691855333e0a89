package io.gitlabopsbot.command;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code /gitlab help}: every command, its arguments, and the role it needs. */
public final class HelpHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "help",
          List.of(),
          List.of(),
          "Show every command and who may run it",
          Role.VIEWER,
          false);

  private final Supplier<List<CommandSpec>> specs;
  private final String slashCommand;
  private final AccessPolicy access;
  private final Targets targets;

  public HelpHandler(
      Supplier<List<CommandSpec>> specs,
      String slashCommand,
      AccessPolicy access,
      Targets targets) {
    this.specs = specs;
    this.slashCommand = slashCommand;
    this.access = access;
    this.targets = targets;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    Set<Role> mine = access.rolesOf(invocation.caller());
    StringBuilder lines = new StringBuilder();
    for (CommandSpec spec : specs.get()) {
      boolean allowed = mine.stream().anyMatch(role -> role.satisfies(spec.role()));
      lines
          .append(allowed ? "• " : "• :lock: ")
          .append('`')
          .append(SlackText.escape(spec.usage(slashCommand)))
          .append("` — ")
          .append(spec.summary())
          .append(" _(")
          .append(spec.role().key())
          .append(")_\n");
      for (CommandSpec.FlagSpec flag : spec.flags()) {
        lines
            .append("    `--")
            .append(flag.name())
            .append("` ")
            .append(flag.description())
            .append('\n');
      }
    }
    return CommandResult.ok(
        Message.builder("gitlab-ops-bot commands")
            .header("gitlab-ops-bot commands")
            .section(lines.toString().stripTrailing())
            .context(
                "Every command also takes `--target <name>` (one of "
                    + String.join(", ", targets.names())
                    + "; default "
                    + targets.defaultName()
                    + "). Your roles: "
                    + (mine.isEmpty()
                        ? "none"
                        : String.join(", ", mine.stream().map(Role::key).sorted().toList()))
                    + ". :lock: = you lack the role.")
            .build());
  }
}
