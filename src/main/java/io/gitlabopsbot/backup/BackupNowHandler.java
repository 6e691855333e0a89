package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.Arrays;
import java.util.List;

/** {@code /gitlab backup now [--skip a,b] [--dry-run]}: a full backup with backup-utility. */
public final class BackupNowHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "backup now",
          List.of(),
          List.of(
              CommandSpec.FlagSpec.valued(
                  "skip",
                  "a,b",
                  "[a-z_]+(,[a-z_]+)*",
                  "components to leave out, separated by commas (e.g. registry,artifacts)"),
              CommandSpec.FlagSpec.bool(
                  "dry-run", "show the Job that would be created, create nothing")),
          "Back up GitLab now with backup-utility in a Kubernetes Job",
          Role.OPERATOR,
          true);

  private final BackupService service;

  public BackupNowHandler(BackupService service) {
    this.service = service;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    String skip = invocation.command().flagValue("skip");
    BackupRequest request =
        new BackupRequest(
            invocation.target(),
            skip == null ? List.of() : Arrays.asList(skip.split(",")),
            invocation.caller().userId(),
            invocation.correlationId(),
            invocation.dryRun());
    BackupOutcome outcome = service.start(request, progress);
    Message message = outcome.toMessage(invocation.target().name());
    if (outcome instanceof BackupOutcome.Refused refused) {
      return CommandResult.refused(message, "backup not started: " + refused.reason());
    }
    if (outcome instanceof BackupOutcome.Failed failed) {
      return CommandResult.failed(message, "backup failed: " + failed.reason());
    }
    return CommandResult.ok(message);
  }
}
