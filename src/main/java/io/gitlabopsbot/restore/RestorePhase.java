package io.gitlabopsbot.restore;

/** The steps of a restore, in the order they run. */
public enum RestorePhase {
  PRE_BACKUP("Pre-restore backup"),
  RECORD("Record replica counts"),
  SCALE_DOWN("Scale down"),
  RESTORE("Restore"),
  SCALE_UP("Scale back up"),
  RESTART("Restart pods"),
  WAIT_READY("Wait until Ready");

  private final String label;

  RestorePhase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Whether GitLab may have been changed by the time this phase starts or runs. */
  public boolean touchesGitLab() {
    return ordinal() >= SCALE_DOWN.ordinal();
  }
}
