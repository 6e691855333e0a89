package io.gitlabopsbot.command;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.config.TargetSettings;

/**
 * A command that passed parsing and access control, with everything its handler needs.
 *
 * @param correlationId ties the audit row, log lines and Slack messages of this run together
 * @param dryRun true when the bot (or this command's --dry-run flag) forbids side effects
 */
public record Invocation(
    ParseResult.Parsed command,
    Caller caller,
    String correlationId,
    TargetSettings target,
    boolean dryRun) {

  public String path() {
    return command.spec().path();
  }
}
