package io.gitlabopsbot.command;

import io.gitlabopsbot.slack.Message;

/** Runs one command. Quick commands return their answer; long ones report through progress too. */
@FunctionalInterface
public interface CommandHandler {

  /**
   * @return the final message shown to the user: the ephemeral answer for quick commands, the last
   *     state of the progress message for long-running ones
   */
  Message handle(Invocation invocation, Progress progress);
}
