package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /gitlab migrate plan}: checks the prerequisites and shows every step with its exact
 * commands. Changes nothing.
 */
public final class MigratePlanHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "migrate plan",
          List.of(),
          List.of(),
          "Check the migration's prerequisites and show its steps and commands (changes nothing)",
          Role.OPERATOR,
          true);

  private final Supplier<List<Prerequisite>> prerequisites;
  private final Supplier<Message> plan;

  /**
   * @param plan the runbook with the exact commands (see {@link MigrationPlanText})
   */
  public MigratePlanHandler(Supplier<List<Prerequisite>> prerequisites, Supplier<Message> plan) {
    this.prerequisites = prerequisites;
    this.plan = plan;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    progress.update(Message.of("🔎 Checking the migration's prerequisites…"));
    List<Prerequisite> checks = prerequisites.get();
    progress.detail(plan.get());
    // A report, like status: unmet prerequisites are its findings, not a failure of the command.
    return CommandResult.ok(
        Message.of(
            PrerequisiteText.render(checks) + "\nThe plan with every command is in the thread."));
  }
}
