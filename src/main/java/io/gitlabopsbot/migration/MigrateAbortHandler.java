package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.List;

/** {@code /gitlab migrate abort}: stops the unfinished run (after its running step, if any). */
public final class MigrateAbortHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "migrate abort",
          List.of(),
          List.of(),
          "Abort the unfinished migration (between steps; a running step finishes first)",
          Role.OPERATOR,
          false);

  private final MigrationService service;

  public MigrateAbortHandler(MigrationService service) {
    this.service = service;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    RunbookResult result = service.abort(invocation.caller().userId());
    return result instanceof RunbookResult.Accepted accepted
        ? CommandResult.ok(Message.of("🛑 " + accepted.message()))
        : CommandResult.refused(((RunbookResult.Refused) result).message());
  }
}
