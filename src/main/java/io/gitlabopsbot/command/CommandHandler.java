package io.gitlabopsbot.command;

/** Runs one command. Quick commands return their answer; long ones report through progress too. */
@FunctionalInterface
public interface CommandHandler {

  /**
   * @return how the command ended, with the final message shown to the user: the ephemeral answer
   *     for quick commands, the last state of the progress message for long-running ones
   */
  CommandResult handle(Invocation invocation, Progress progress);
}
