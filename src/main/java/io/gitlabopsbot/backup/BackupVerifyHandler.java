package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.CommandHandler;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code /gitlab backup verify <backup>}: checks one archive in S3 without downloading it. */
public final class BackupVerifyHandler implements CommandHandler {

  public static final CommandSpec SPEC =
      new CommandSpec(
          "backup verify",
          List.of(
              new CommandSpec.ArgumentSpec(
                  "backup",
                  true,
                  "[0-9A-Za-z._-]{1,100}",
                  "a backup ID such as 1795568403_2026_11_25_17.5.2, or its epoch")),
          List.of(),
          "Check that a backup in S3 is complete and show its GitLab version and skipped parts",
          Role.VIEWER,
          true);

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC);

  private final BackupVerifier verifier;

  public BackupVerifyHandler(BackupVerifier verifier) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public CommandResult handle(Invocation invocation, Progress progress) {
    String typed = invocation.command().arguments().get(0);
    String bucket = invocation.target().backupBucket();
    progress.update(Message.of(":mag: Verifying backup `" + typed + "` in `s3://" + bucket + "`…"));
    VerifyResult result = verifier.verify(bucket, typed);
    if (result instanceof VerifyResult.Problem problem) {
      Message message =
          Message.builder("Backup not verified: " + problem.reason())
              .section(":x: Backup not verified: " + problem.reason())
              .build();
      // Without an archive there was nothing to check; with one, the check found it unsound.
      return problem.backup() == null
          ? CommandResult.refused(message, "backup not verified: " + problem.reason())
          : CommandResult.failed(message, "backup not verified: " + problem.reason());
    }
    VerifyResult.Verified verified = (VerifyResult.Verified) result;
    BackupObject backup = verified.backup();
    BackupInformation info = verified.information();
    List<Block.Field> fields = new ArrayList<>();
    fields.add(new Block.Field("Backup", backup.id()));
    fields.add(new Block.Field("Object", "s3://" + bucket + "/" + backup.key()));
    fields.add(
        new Block.Field("Size", Sizes.human(backup.size()) + " (" + backup.size() + " bytes)"));
    fields.add(new Block.Field("GitLab version", info.gitlabVersion()));
    fields.add(
        new Block.Field(
            "Created", info.createdAt() == null ? "unknown" : TIME.format(info.createdAt())));
    fields.add(
        new Block.Field(
            "Skipped", info.skipped().isEmpty() ? "nothing" : String.join(", ", info.skipped())));
    if (info.installationType() != null) {
      fields.add(new Block.Field("Installation", info.installationType()));
    }
    if (info.dbVersion() != null) {
      fields.add(new Block.Field("DB schema", info.dbVersion()));
    }
    String summary =
        "Backup "
            + backup.id()
            + " verified: GitLab "
            + info.gitlabVersion()
            + ", "
            + Sizes.human(backup.size());
    Message.Builder message =
        Message.builder(summary).section(":white_check_mark: " + summary).fields(fields);
    if (!verified.warnings().isEmpty()) {
      message.section(
          String.join("\n", verified.warnings().stream().map(w -> ":warning: " + w).toList()));
    }
    return CommandResult.ok(
        message
            .context(
                "Checked the object's size and its "
                    + BackupVerifier.INFORMATION_FILE
                    + " with range reads; the archive was not downloaded or restored.")
            .build());
  }
}
