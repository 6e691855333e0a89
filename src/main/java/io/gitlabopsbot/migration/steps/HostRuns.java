package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.migration.StepOutcomeUnknownException;
import io.gitlabopsbot.ssh.CommandResult;
import io.gitlabopsbot.ssh.OutputListener;
import io.gitlabopsbot.ssh.RemoteCommand;
import io.gitlabopsbot.ssh.RemoteHost;
import java.time.Duration;
import java.util.List;

/**
 * Runs host commands for a step and turns their results into the step's outcome: a non-zero exit
 * fails the step; a timeout or a dropped connection leaves its effect unknown.
 */
final class HostRuns {

  private HostRuns() {}

  /** Runs {@code argv} as root, streaming its output to the run's thread. */
  static CommandResult.Exited run(
      RemoteHost host, List<String> argv, Duration timeout, StepContext context) {
    return run(host, new RemoteCommand(argv, true, null), timeout, context::output);
  }

  /** Runs {@code command}; its output goes to {@code output} (e.g. ignored for file writes). */
  static CommandResult.Exited run(
      RemoteHost host, RemoteCommand command, Duration timeout, OutputListener output) {
    String shown = String.join(" ", command.argv());
    CommandResult result = host.run(command, timeout, output);
    if (result instanceof CommandResult.Exited exited) {
      if (exited.exitCode() != 0) {
        throw new StepFailedException("`" + shown + "` " + exited.summary() + ".");
      }
      return exited;
    }
    throw new StepOutcomeUnknownException("`" + shown + "` " + result.summary() + ".");
  }

  /** Whether {@code argv} (run as root) exits 0; any other exit is false, a lost command fails. */
  static boolean succeeds(RemoteHost host, List<String> argv, Duration timeout) {
    CommandResult result =
        host.run(new RemoteCommand(argv, true, null), timeout, OutputListener.ignore());
    if (result instanceof CommandResult.Exited exited) {
      return exited.exitCode() == 0;
    }
    throw new StepFailedException("`" + String.join(" ", argv) + "` " + result.summary() + ".");
  }
}
