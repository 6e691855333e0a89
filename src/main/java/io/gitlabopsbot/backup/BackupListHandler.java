package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Message;
import java.util.List;
import java.util.Objects;

/** {@code /gitlab backup list [n]}: the newest backups in the target's bucket, with size flags. */
public final class BackupListHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "backup list",
          List.of(
              new CommandSpec.ArgumentSpec(
                  "n", false, "[1-9][0-9]{0,2}", "a number of backups from 1 to 100")),
          List.of(),
          "List the newest backups in S3 (default 10, at most 100), flagging empty or small ones",
          Role.VIEWER,
          false);

  static final int DEFAULT_COUNT = 10;
  static final int MAX_COUNT = 100;

  private final BackupCatalog catalog;

  public BackupListHandler(BackupCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    List<String> arguments = invocation.command().arguments();
    int count = arguments.isEmpty() ? DEFAULT_COUNT : Integer.parseInt(arguments.get(0));
    if (count > MAX_COUNT) {
      return CommandResult.refused(
          ":x: At most " + MAX_COUNT + " backups can be listed, not " + count + ".");
    }
    String bucket = invocation.target().backupBucket();
    BackupListing listing = catalog.list(bucket);
    List<BackupObject> shown = listing.newestFirst().stream().limit(count).toList();
    String summary =
        shown.isEmpty()
            ? "No backups in s3://" + bucket
            : shown.size()
                + " newest of "
                + listing.newestFirst().size()
                + " backups in s3://"
                + bucket;
    Message.Builder message =
        Message.builder(summary).header("Backups of " + invocation.target().name());
    if (shown.isEmpty()) {
      message.section(
          "No backup archives in `s3://" + bucket + "` yet. Take one with `/gitlab backup now`.");
    } else {
      BackupTable.render(shown, listing.listedAt()).forEach(message::code);
    }
    StringBuilder flags = new StringBuilder();
    for (BackupObject backup : shown) {
      if (backup.health().flagged()) {
        flags
            .append(":warning: `")
            .append(backup.id())
            .append("` is ")
            .append(backup.flagText())
            .append('\n');
      }
    }
    if (!flags.isEmpty()) {
      message.section(
          flags
              + "Check these with `/gitlab backup verify <ID>` and do not rely on them for a restore.");
    }
    String ignored =
        listing.ignoredKeys().isEmpty()
            ? ""
            : " "
                + listing.ignoredKeys().size()
                + " other object(s) in the bucket are not named like backups and were left out.";
    return CommandResult.ok(
        message.context(summary + ", newest first; times in UTC." + ignored).build());
  }
}
