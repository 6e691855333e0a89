package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.List;

/**
 * {@code /gitlab migrate resume [--retry | --done]}: continues a paused run. A step whose outcome
 * is unknown needs a person's word: {@code --retry} runs it again, {@code --done} counts it as done
 * after checking by hand. From the command line while a bot serves, the run is handed to the bot
 * (it continues it, posting progress and approval requests in Slack) instead of running long steps
 * in a terminal session that may close.
 */
public final class MigrateResumeHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "migrate resume",
          List.of(),
          List.of(
              CommandSpec.FlagSpec.bool("retry", "run a step with an unknown outcome again"),
              CommandSpec.FlagSpec.bool(
                  "done", "count a step with an unknown outcome as done (checked by hand)")),
          "Resume the paused migration",
          Role.OPERATOR,
          true);

  private final MigrationService service;
  private final ServingBots servingBots;

  /**
   * @param servingBots whether a bot serves on the shared store ({@link ServingBots#NONE} in the
   *     bot)
   */
  public MigrateResumeHandler(MigrationService service, ServingBots servingBots) {
    this.service = service;
    this.servingBots = servingBots;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    boolean retry = invocation.command().flag("retry");
    boolean done = invocation.command().flag("done");
    if (retry && done) {
      return CommandResult.refused("Give either --retry or --done, not both.");
    }
    String decision = retry ? "retry" : done ? "done" : null;
    String by = invocation.caller().userId();
    if (invocation.caller().fromCli() && servingBots.present()) {
      return handOff(decision, by + " (CLI)");
    }
    RunbookResult result = service.resume(decision, by, progress);
    if (result instanceof RunbookResult.Refused refused) {
      return CommandResult.refused(refused.message());
    }
    MigrationRun run = ((RunbookResult.Accepted) result).run();
    Message message =
        Message.of(
            "Migration run `"
                + run.id()
                + "` is now "
                + run.status().name().toLowerCase(java.util.Locale.ROOT)
                + ".");
    // Paused again right after resuming: a step failed or its outcome is unknown.
    return run.status() == RunStatus.PAUSED
        ? CommandResult.failed(message, "migration run " + run.id() + " paused: " + run.detail())
        : CommandResult.ok(message);
  }

  private CommandResult handOff(String decision, String by) {
    RunbookResult result = service.handOff(decision, by);
    if (result instanceof RunbookResult.Refused refused) {
      return CommandResult.refused(refused.message());
    }
    MigrationRun run = ((RunbookResult.Accepted) result).run();
    return CommandResult.ok(
        Message.of(
            "Migration run `"
                + run.id()
                + "` is resumed and handed to the serving bot: it continues within seconds, and"
                + " its progress and approval requests appear in Slack. `migrate status` shows"
                + " where it stands."));
  }
}
