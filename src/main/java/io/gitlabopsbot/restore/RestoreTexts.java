package io.gitlabopsbot.restore;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The sentences of a restore: refusals, the plan, and the commands a human may need. */
final class RestoreTexts {

  private RestoreTexts() {}

  static String versionUnknown(TargetSettings target, String why) {
    return "the GitLab version the release runs is unknown ("
        + why
        + "), and a backup may only be restored into the version it was taken with. Check it with"
        + " `kubectl -n "
        + target.namespace()
        + " get deploy -l release="
        + target.helmRelease()
        + ",app=webservice -o jsonpath='{..image}'` and try again once the release shows one"
        + " version. Nothing was changed.";
  }

  static String versionMismatch(
      TargetSettings target, String backupId, String backupVersion, String running) {
    return "backup `"
        + backupId
        + "` was taken with GitLab "
        + backupVersion
        + " but release `"
        + target.helmRelease()
        + "` runs GitLab "
        + running
        + ". A backup restores only into the same version: deploy GitLab "
        + backupVersion
        + " first (the chart version that ships it, e.g. `helm upgrade "
        + target.helmRelease()
        + " gitlab/gitlab -n "
        + target.namespace()
        + " --reuse-values --version <chart for "
        + backupVersion
        + ">`), wait until it runs, then restore, then upgrade again. Nothing was changed.";
  }

  static String alreadyRunning(RestoreOperation active) {
    return "a restore of `"
        + active.target()
        + "` from `"
        + active.backupId()
        + "` is already running (phase *"
        + active.phase().label()
        + "*, requested by "
        + RestoreTexts.user(active.requesterId())
        + "); a restore and a backup never run at the same time. Wait for it to finish.";
  }

  /** The plan as the requester, the approver and a dry run see it. */
  static Message plan(RestorePlan plan, String title, String closing) {
    TargetSettings t = plan.target();
    List<String> steps = new ArrayList<>();
    steps.add(
        plan.preBackup()
            ? "Take a fresh pre-restore backup of `" + t.name() + "` and wait for it."
            : "No pre-restore backup (`--skip-pre-backup`).");
    steps.add("Record the replica counts of " + names(plan.deployments()) + ".");
    steps.add("Scale them to 0 and wait until their pods are gone.");
    steps.add(
        "Run `"
            + String.join(" ", plan.command("…").subList(0, 4))
            + "` in a Job built from the toolbox pod template.");
    steps.add("Scale them back to the recorded counts.");
    steps.add(
        "Restart the pods "
            + String.join(", ", RestorePlan.RESTART)
            + " of release `"
            + t.helmRelease()
            + "` and wait until they are Ready.");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      text.append(i + 1).append(". ").append(steps.get(i)).append('\n');
    }
    Message.Builder message =
        Message.builder(title + ": restore " + t.name() + " from " + plan.backupId())
            .header(title + ": restore " + t.name() + " from " + plan.backupId())
            .section(
                "GitLab "
                    + plan.gitlabVersion()
                    + " in namespace `"
                    + t.namespace()
                    + "`, backup `s3://"
                    + plan.bucket()
                    + "/"
                    + plan.backupId()
                    + "_gitlab_backup.tar`. The restore replaces GitLab's database and files with"
                    + " the backup's.")
            .section(text.toString().strip());
    plan.warnings().forEach(w -> message.section(":warning: " + w));
    return message.section(closing).build();
  }

  /** The commands that put the recorded replica counts back. */
  static String scaleBackCommands(String namespace, Map<String, Integer> replicas) {
    StringBuilder commands = new StringBuilder();
    replicas.forEach(
        (name, count) ->
            commands
                .append("kubectl -n ")
                .append(namespace)
                .append(" scale deployment/")
                .append(name)
                .append(" --replicas=")
                .append(count)
                .append('\n'));
    return commands.toString().strip();
  }

  static String counts(Map<String, Integer> replicas) {
    List<String> parts = new ArrayList<>();
    replicas.forEach((name, count) -> parts.add("`" + name + "` " + count));
    return String.join(", ", parts);
  }

  static String names(List<String> names) {
    return String.join(", ", names.stream().map(n -> "`" + n + "`").toList());
  }

  /** A mention for a Slack user ID; anything else (a CLI user) is quoted. */
  static String user(String id) {
    return id != null && id.matches("[UW][A-Z0-9]{2,30}") ? "<@" + id + ">" : "`" + id + "`";
  }

  /** {@code 42s}, {@code 12m}, {@code 1h 05m}. */
  static String elapsed(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    return minutes < 60 ? minutes + "m" : String.format("%dh %02dm", minutes / 60, minutes % 60);
  }
}
