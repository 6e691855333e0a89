package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.ssh.RemoteHost;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A host step that is its commands and nothing more: reconfigure (1-2, 1-5) and the object
 * migration rake tasks (1-3). Reconfigure is verified by {@code gitlab-ctl status}.
 */
final class HostCommandStep implements RunbookProcedure {

  private static final Duration STATUS_TIMEOUT = Duration.ofMinutes(2);

  private final RunbookStep step;
  private final List<List<String>> commands;
  private final Supplier<RemoteHost> hosts;

  HostCommandStep(RunbookStep step, MigrationOptions options, Supplier<RemoteHost> hosts) {
    this.step = step;
    this.commands = step.commands(options);
    this.hosts = hosts;
  }

  @Override
  public RunbookStep step() {
    return step;
  }

  @Override
  public String describe() {
    return Steps.describe(commands);
  }

  @Override
  public Precheck precheck(StepContext context) {
    return new Precheck.Ready();
  }

  @Override
  public void act(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      for (List<String> command : commands) {
        context.status("running `" + String.join(" ", command) + "`");
        HostRuns.run(host, command, timeout(), context);
      }
    }
  }

  @Override
  public Check verify(StepContext context) {
    if (step != RunbookStep.RECONFIGURE && step != RunbookStep.RECONFIGURE_AGAIN) {
      return new Check.Passed(commands.size() + " command(s) exited 0");
    }
    try (RemoteHost host = hosts.get()) {
      return HostRuns.succeeds(host, List.of("gitlab-ctl", "status"), STATUS_TIMEOUT)
          ? new Check.Passed("reconfigured; `gitlab-ctl status` shows every service up")
          : new Check.Failed("`gitlab-ctl status` reports a service down after reconfigure");
    }
  }
}
