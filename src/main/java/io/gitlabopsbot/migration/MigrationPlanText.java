package io.gitlabopsbot.migration;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text of {@code /gitlab migrate plan}: every step with its exact commands, in Slack mrkdwn,
 * split into sections that each fit Slack's 3,000-character limit.
 */
public final class MigrationPlanText {

  static final int MAX_SECTION = 3000;
  static final String HEADER = "Migration plan: Omnibus → Helm chart";

  private MigrationPlanText() {}

  /** The plan as a message: a header, then the sections. */
  public static Message message(MigrationOptions options) {
    long approvals =
        List.of(RunbookStep.values()).stream().filter(RunbookStep::needsOwnApproval).count();
    Message.Builder builder =
        Message.builder(
            "Migration plan for release "
                + options.helmRelease()
                + ": "
                + RunbookStep.values().length
                + " steps, "
                + approvals
                + " with their own approval");
    builder.header(HEADER);
    sections(options).forEach(builder::section);
    return builder.build();
  }

  /** The plan's mrkdwn sections, each at most {@value #MAX_SECTION} characters. */
  public static List<String> sections(MigrationOptions options) {
    List<String> chunks = new ArrayList<>();
    chunks.add(intro(options));
    for (RunbookStep step : RunbookStep.values()) {
      chunks.add(step(step, options));
    }
    return SlackSections.pack(chunks, MAX_SECTION);
  }

  private static String intro(MigrationOptions options) {
    ObjectStorageSettings storage = options.storage();
    StringBuilder out = new StringBuilder();
    out.append("Release ")
        .append(code(options.helmRelease()))
        .append(" in namespace ")
        .append(code(options.namespace()))
        .append(", run ")
        .append(code(options.runId()))
        .append(".\nObject storage in region ")
        .append(code(storage.region()))
        .append(storage.endpoint().map(uri -> " at " + code(uri.toString())).orElse(""))
        .append(", through the host's IAM instance profile (no access keys in gitlab.rb):\n");
    for (Map.Entry<ObjectType, String> bucket : storage.buckets().entrySet()) {
      out.append("• ")
          .append(bucket.getKey().key())
          .append(" → ")
          .append(code(bucket.getValue()))
          .append('\n');
    }
    out.append("• backup archive → ").append(code(storage.backupBucket())).append('\n');
    out.append("Steps marked :lock: ask for their own approval before they run.");
    return out.toString();
  }

  private static String step(RunbookStep step, MigrationOptions options) {
    StringBuilder out = new StringBuilder();
    out.append(step.needsOwnApproval() ? ":lock: " : "")
        .append('*')
        .append(step.id())
        .append(' ')
        .append(SlackText.escape(step.title()))
        .append("*\n_")
        .append(facts(step))
        .append("_\n");
    String note = note(step, options);
    if (!note.isEmpty()) {
      out.append(note).append('\n');
    }
    for (List<String> argv : step.commands(options)) {
      out.append(code(String.join(" ", argv))).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private static String facts(RunbookStep step) {
    List<String> facts = new ArrayList<>();
    facts.add(step.location() == StepLocation.HOST ? "Omnibus host, as root" : "cluster");
    facts.add(step.changesData() ? "changes data" : "changes no data");
    facts.add(step.idempotent() ? "safe to re-run" : "not safe to re-run blindly");
    facts.add("timeout " + duration(step.defaultTimeout()));
    return String.join(" · ", facts);
  }

  private static String note(RunbookStep step, MigrationOptions options) {
    return switch (step) {
      case CONFIGURE_OBJECT_STORAGE ->
          "Copies gitlab.rb, then writes only the bot's marked block; the diff is posted here"
              + " first, and nothing is copied or written when the file already has it.";
      case MIGRATE_OBJECTS -> "Files already in the bucket are skipped on a re-run.";
      case MOVE_LOCAL_COPIES_ASIDE ->
          "Stops instead of nesting copies when a " + code(".bak") + " directory already exists.";
      case BACKUP ->
          "Writes the archive to "
              + code("/var/opt/gitlab/backups")
              + "; the bot streams it to "
              + code(options.storage().backupBucket())
              + " and compares checksums; skips "
              + options.objectTypes().stream()
                  .map(ObjectType::key)
                  .collect(Collectors.joining(", "))
              + ", which are already in S3.";
      case REPLACE_RAILS_SECRET ->
          "Sets key "
              + code("secrets.yml")
              + " of Secret "
              + code(options.railsSecretName())
              + " to the Rails secrets of the host's "
              + code("/etc/gitlab/gitlab-secrets.json")
              + ". Only key names and a fingerprint are shown, never a value.";
      case RESTART_PODS ->
          "Deletes the pods labelled "
              + code("release=" + options.helmRelease())
              + " so they start with the new secret.";
      case RESTORE ->
          "Runs "
              + code("backup-utility --restore -t <backup ID>")
              + " in the toolbox pod; the ID is the archive name from step 2 without "
              + code("_gitlab_backup.tar")
              + ".";
      default -> "";
    };
  }

  private static String code(String text) {
    return "`" + SlackText.escape(text) + "`";
  }

  private static String duration(Duration duration) {
    if (duration.toMinutes() < 60) {
      return duration.toMinutes() + " min";
    }
    return duration.toHours() + " h";
  }
}
