package io.gitlabopsbot.migration;

import java.time.Duration;
import java.util.List;

/**
 * The steps of the Omnibus-to-chart migration, in order, as the runbook engine runs them. Host
 * steps carry their exact commands ({@link #commands}); cluster steps are carried out through the
 * Kubernetes ports with the values this package produces.
 */
public enum RunbookStep {
  CONFIGURE_OBJECT_STORAGE(
      "1-1",
      "Point object storage in gitlab.rb at the chart's S3 buckets",
      StepLocation.HOST,
      true,
      false,
      true,
      Duration.ofMinutes(2)),
  RECONFIGURE(
      "1-2", "Apply gitlab.rb", StepLocation.HOST, false, false, true, Duration.ofMinutes(20)),
  MIGRATE_OBJECTS(
      "1-3",
      "Copy local objects to the S3 buckets",
      StepLocation.HOST,
      true,
      false,
      true,
      Duration.ofHours(6)),
  MOVE_LOCAL_COPIES_ASIDE(
      "1-4",
      "Move the migrated local directories aside (.bak) so the backup leaves them out",
      StepLocation.HOST,
      true,
      true,
      false,
      Duration.ofMinutes(5)),
  RECONFIGURE_AGAIN(
      "1-5",
      "Reconfigure again (recreates the emptied directories)",
      StepLocation.HOST,
      false,
      false,
      true,
      Duration.ofMinutes(20)),
  BACKUP(
      "2",
      "Back up without the migrated objects; the archive goes to the backup bucket",
      StepLocation.HOST,
      false,
      false,
      false,
      Duration.ofHours(6)),
  REPLACE_RAILS_SECRET(
      "3-1",
      "Replace the chart's rails secret with the host's secrets",
      StepLocation.CLUSTER,
      true,
      true,
      true,
      Duration.ofMinutes(2)),
  RESTART_PODS(
      "3-2",
      "Restart the release's pods so they load the secret",
      StepLocation.CLUSTER,
      false,
      false,
      true,
      Duration.ofMinutes(20)),
  RESTORE(
      "3-3",
      "Restore the backup into the chart",
      StepLocation.CLUSTER,
      true,
      true,
      false,
      Duration.ofHours(6));

  private final String id;
  private final String title;
  private final StepLocation location;
  private final boolean changesData;
  private final boolean needsOwnApproval;
  private final boolean idempotent;
  private final Duration defaultTimeout;

  RunbookStep(
      String id,
      String title,
      StepLocation location,
      boolean changesData,
      boolean needsOwnApproval,
      boolean idempotent,
      Duration defaultTimeout) {
    this.id = id;
    this.title = title;
    this.location = location;
    this.changesData = changesData;
    this.needsOwnApproval = needsOwnApproval;
    this.idempotent = idempotent;
    this.defaultTimeout = defaultTimeout;
  }

  /** The runbook's number, e.g. {@code 1-4}. */
  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  public StepLocation location() {
    return location;
  }

  /** Whether the step changes GitLab's configuration or stored data (not only applies or reads). */
  public boolean changesData() {
    return changesData;
  }

  /** Whether the step needs an approval of its own, beyond the approval of the whole plan. */
  public boolean needsOwnApproval() {
    return needsOwnApproval;
  }

  /** Whether running the step again after it succeeded (or half-ran) is harmless. */
  public boolean idempotent() {
    return idempotent;
  }

  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  /** Host commands run as root (the SSH port adds {@code sudo -n}); cluster steps run none. */
  public boolean asRoot() {
    return location == StepLocation.HOST;
  }

  /** Whether the engine writes {@link GitLabRbEdit}'s new text to gitlab.rb after the commands. */
  public boolean writesGitLabRb() {
    return this == CONFIGURE_OBJECT_STORAGE;
  }

  /** The exact argv of each command, in order; empty for cluster steps. */
  public List<List<String>> commands(MigrationOptions options) {
    return HostCommands.of(this, options);
  }

  /** The step with runbook number {@code id}. */
  public static RunbookStep byId(String id) {
    for (RunbookStep step : values()) {
      if (step.id.equals(id)) {
        return step;
      }
    }
    throw new IllegalArgumentException("no migration step " + id + "; steps are 1-1 to 3-3");
  }
}
