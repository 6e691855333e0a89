package io.gitlabopsbot.restore;

import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.List;
import java.util.Optional;

/**
 * {@code /gitlab restore <backup>|latest [--dry-run] [--skip-pre-backup] [--confirm <id>]}: plans a
 * restore and asks a second person to approve it; from the CLI, the operator retypes the backup ID
 * instead.
 */
public final class RestoreHandler implements CommandHandler {

  private static final String ID = "latest|[0-9A-Za-z_.-]{1,128}";

  public static final CommandSpec SPEC =
      new CommandSpec(
          "restore",
          List.of(
              new CommandSpec.ArgumentSpec(
                  "backup",
                  true,
                  ID,
                  "a backup ID such as 1795568403_2026_11_25_17.5.2, its epoch, or latest")),
          List.of(
              CommandSpec.FlagSpec.bool("dry-run", "show the full plan; change and ask nothing"),
              CommandSpec.FlagSpec.bool(
                  "skip-pre-backup", "do not take a fresh backup before restoring"),
              CommandSpec.FlagSpec.valued(
                  "confirm",
                  "id",
                  ID,
                  "CLI without a terminal: the backup ID again, to confirm the restore")),
          "Restore GitLab from a backup (a second person must approve)",
          Role.OPERATOR,
          true);

  private final RestorePlanner planner;
  private final ApprovalNotices notices;
  private final Approvals approvals;
  private final RestoreExecutor executor;
  private final Confirmation confirmation;
  private final RestoreSettings settings;

  public RestoreHandler(
      RestorePlanner planner,
      ApprovalNotices notices,
      Approvals approvals,
      RestoreExecutor executor,
      Confirmation confirmation,
      RestoreSettings settings) {
    this.planner = planner;
    this.notices = notices;
    this.approvals = approvals;
    this.executor = executor;
    this.confirmation = confirmation;
    this.settings = settings;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    RestoreOutcome outcome = outcome(invocation, progress);
    Message message = outcome.toMessage();
    if (outcome instanceof RestoreOutcome.Refused) {
      return CommandResult.refused(message, "restore not done: " + outcome.summary());
    }
    if (outcome instanceof RestoreOutcome.Failed) {
      return CommandResult.failed(message, "restore not done: " + outcome.summary());
    }
    // A dry run, a posted approval request and a finished restore all did what was asked.
    return CommandResult.ok(message);
  }

  private RestoreOutcome outcome(Invocation invocation, Progress progress) {
    String target = invocation.target().name();
    boolean preBackup =
        settings.preRestoreBackup() && !invocation.command().flag("skip-pre-backup");
    RestorePlanner.Planning planning =
        planner.plan(
            invocation.target(),
            invocation.command().arguments().get(0),
            preBackup,
            invocation.caller().userId(),
            invocation.correlationId());
    if (planning instanceof RestorePlanner.Planning.Refused refused) {
      return new RestoreOutcome.Refused(target, refused.reason());
    }
    RestorePlan plan = ((RestorePlanner.Planning.Planned) planning).plan();
    String confirm = invocation.command().flagValue("confirm");
    if (invocation.dryRun()) {
      return new RestoreOutcome.DryRun(plan);
    }
    if (invocation.caller().fromCli()) {
      return fromCli(invocation, plan, confirm, progress);
    }
    if (confirm != null) {
      return new RestoreOutcome.Refused(
          target,
          "`--confirm` is for the command line; in Slack a second person approves. Run it"
              + " without `--confirm`.");
    }
    ApprovalRequest request =
        notices.ask(plan.toSubject(), settings.approvalTtl(), invocation.caller().channelId());
    return new RestoreOutcome.AwaitingApproval(plan, request.id(), request.expiresAt());
  }

  private RestoreOutcome fromCli(
      Invocation invocation, RestorePlan plan, String confirm, Progress progress) {
    String target = invocation.target().name();
    String how;
    if (confirm != null) {
      if (!confirm.equals(plan.backupId())) {
        return new RestoreOutcome.Refused(
            target,
            "`--confirm "
                + confirm
                + "` does not name the backup being restored, `"
                + plan.backupId()
                + "`. Nothing was changed.");
      }
      how = "named the backup ID again with --confirm";
    } else {
      progress.update(
          RestoreTexts.plan(
              plan, "Confirm", "Type the backup ID to go ahead; anything else stops."));
      Optional<String> typed =
          confirmation.ask("Type " + plan.backupId() + " to restore it into " + target + ": ");
      if (typed.isEmpty()) {
        return new RestoreOutcome.Refused(
            target,
            "standard input is not a terminal, so nobody can confirm. Run it again with `--confirm "
                + plan.backupId()
                + "` to confirm without a terminal. Nothing was changed.");
      }
      if (!typed.get().equals(plan.backupId())) {
        return new RestoreOutcome.Refused(
            target, "the typed ID does not match `" + plan.backupId() + "`. Nothing was changed.");
      }
      how = "retyped the backup ID at the terminal";
    }
    ApprovalRequest approved = approvals.approveByCli(plan.toSubject(), invocation.caller(), how);
    return executor.execute(approved, progress);
  }
}
