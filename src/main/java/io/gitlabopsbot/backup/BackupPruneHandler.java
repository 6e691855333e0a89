package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.message.Message;
import java.util.List;
import java.util.Objects;

/** {@code /gitlab backup prune [--dry-run]}: applies the retention policy to the bucket. */
public final class BackupPruneHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "backup prune",
          List.of(),
          List.of(
              CommandSpec.FlagSpec.bool(
                  "dry-run", "show which backups would be deleted, delete nothing")),
          "Delete backups the retention policy no longer keeps (never the newest sound one)",
          Role.OPERATOR,
          true);

  private final RetentionService retention;

  public BackupPruneHandler(RetentionService retention) {
    this.retention = Objects.requireNonNull(retention, "retention");
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    String bucket = invocation.target().backupBucket();
    RetentionOutcome outcome =
        retention.apply(
            invocation.target(),
            invocation.dryRun(),
            invocation.caller(),
            invocation.correlationId());
    RetentionPlan plan = outcome.plan();
    if (plan.refused()) {
      return CommandResult.refused(
          Message.builder("Nothing pruned: " + plan.explanation())
              .section(":warning: Nothing pruned: " + plan.explanation())
              .build(),
          "nothing pruned: " + plan.explanation());
    }
    if (outcome.dryRun()) {
      String summary =
          "Dry run: "
              + outcome.notPerformed().size()
              + " backup(s) would be deleted from s3://"
              + bucket;
      Message.Builder message = Message.builder(summary).section(":memo: " + summary);
      if (!outcome.notPerformed().isEmpty()) {
        message.code(
            String.join("\n", outcome.notPerformed().stream().map(Operation::describe).toList()));
      }
      return CommandResult.ok(
          message.context("Policy: " + plan.explanation() + ". Nothing was deleted.").build());
    }
    String summary =
        outcome.deleted().size()
            + " backup(s) deleted from s3://"
            + bucket
            + ", "
            + plan.kept().size()
            + " kept";
    Message.Builder message =
        Message.builder(outcome.failed() ? "Pruning stopped: " + outcome.failure() : summary)
            .section((outcome.failed() ? ":x: " : ":wastebasket: ") + summary);
    if (!outcome.deleted().isEmpty()) {
      message.code(
          String.join("\n", outcome.deleted().stream().map(b -> "deleted " + b.key()).toList()));
    }
    if (outcome.failed()) {
      message.section(
          ":x: Pruning stopped at the first failure: "
              + outcome.failure()
              + ". The remaining backups were not touched; fix the cause and run it again.");
    }
    Message shown =
        message
            .context("Policy: " + plan.explanation() + ". Every deletion is in the audit log.")
            .build();
    return outcome.failed()
        ? CommandResult.failed(
            shown,
            "pruning stopped after "
                + outcome.deleted().size()
                + " deletion(s): "
                + outcome.failure())
        : CommandResult.ok(shown);
  }
}
