package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.List;

/** {@code /gitlab migrate status}: the current (or newest) run, step by step. */
public final class MigrateStatusHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "migrate status",
          List.of(),
          List.of(),
          "Show the Omnibus-to-chart migration, step by step",
          Role.VIEWER,
          false);

  private final MigrationService service;

  public MigrateStatusHandler(MigrationService service) {
    this.service = service;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    return CommandResult.ok(
        service
            .current()
            .map(service::overview)
            .orElse(
                Message.of(
                    "No migration of `"
                        + service.target()
                        + "` has run yet. `migrate plan` shows what it would do.")));
  }
}
