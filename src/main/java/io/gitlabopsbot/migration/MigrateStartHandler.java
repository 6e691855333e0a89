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
 * {@code /gitlab migrate start}: checks the prerequisites and asks a second person to approve the
 * whole plan; the run starts when they do. Steps that change data each ask again.
 */
public final class MigrateStartHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "migrate start",
          List.of(),
          List.of(),
          "Start the Omnibus-to-chart migration (after a second person approves the plan)",
          Role.OPERATOR,
          true);

  /** Posts the request to approve the whole plan; returns the request's ID. */
  @FunctionalInterface
  public interface StartApproval {
    String ask(Invocation invocation, List<StepProcedure> plan);
  }

  private final MigrationService service;
  private final Supplier<List<Prerequisite>> prerequisites;
  private final StartApproval approval;

  public MigrateStartHandler(
      MigrationService service,
      Supplier<List<Prerequisite>> prerequisites,
      StartApproval approval) {
    this.service = service;
    this.prerequisites = prerequisites;
    this.approval = approval;
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    MigrationRun open = service.current().filter(r -> !r.status().finished()).orElse(null);
    if (open != null) {
      return CommandResult.refused(
          "Migration run `"
              + open.id()
              + "` is "
              + open.status().name().toLowerCase(java.util.Locale.ROOT)
              + ": `migrate resume` or `migrate abort` it first.");
    }
    List<Prerequisite> checks = prerequisites.get();
    if (!PrerequisiteText.allMet(checks)) {
      return CommandResult.refused(
          Message.of(PrerequisiteText.render(checks)),
          "not started: prerequisites not met ("
              + String.join(
                  ", ", checks.stream().filter(c -> !c.met()).map(Prerequisite::name).toList())
              + ")");
    }
    if (invocation.dryRun()) {
      return CommandResult.ok(
          Message.of(PrerequisiteText.render(checks) + "\nDry run: no approval was requested."));
    }
    String id = approval.ask(invocation, service.plan());
    return CommandResult.ok(
        Message.of(
            PrerequisiteText.render(checks)
                + "\n🔐 Approval requested (`"
                + id
                + "`): a second person with the approver role must"
                + " approve the plan before anything runs."));
  }
}
