package io.gitlabopsbot.status;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import java.util.List;
import java.util.Objects;

/** {@code /gitlab status}: the health of the target's GitLab release at a glance. */
public final class StatusHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "status",
          List.of(),
          List.of(),
          "Show GitLab release health: deployments, problem pods, HPAs, nodes, last backup, alerts",
          Role.VIEWER,
          false);

  private final StatusReport report;

  public StatusHandler(StatusReport report) {
    this.report = Objects.requireNonNull(report, "report");
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    // A report, even of a sick release: the command did what was asked.
    return CommandResult.ok(report.build(invocation.target()));
  }
}
