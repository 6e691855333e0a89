package io.gitlabopsbot.cluster;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import java.util.List;
import java.util.Objects;

/**
 * {@code /gitlab cluster}: EKS version, support dates, upgrade insights and kubelet version skew.
 */
public final class ClusterHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "cluster",
          List.of(),
          List.of(),
          "Show the EKS version, support dates, upgrade insights and node version skew",
          Role.VIEWER,
          false);

  private final ClusterReport report;

  public ClusterHandler(ClusterReport report) {
    this.report = Objects.requireNonNull(report, "report");
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    return CommandResult.ok(report.build());
  }
}
