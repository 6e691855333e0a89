package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.message.Message;
import java.util.List;
import java.util.stream.Stream;

/**
 * The migrate commands when the {@code migration} section is absent: each says how to set it up.
 */
public final class MigrationNotConfigured {

  static final String TEXT =
      "The migration is not configured: add a `migration:` section to the bot's config (the"
          + " Omnibus host, its pinned SSH host key, the client key and the chart's buckets). See"
          + " the README, section 'Migration from Omnibus'.";

  private MigrationNotConfigured() {}

  public static List<CommandRegistration> commands() {
    return Stream.of(
            MigratePlanHandler.SPEC,
            MigrateStartHandler.SPEC,
            MigrateStatusHandler.SPEC,
            MigrateResumeHandler.SPEC,
            MigrateAbortHandler.SPEC)
        .map(
            spec ->
                new CommandRegistration(
                    spec,
                    (invocation, progress) ->
                        CommandResult.refused(Message.of(TEXT), "the migration is not configured")))
        .toList();
  }
}
