package io.gitlabopsbot.backup;

/** Where a backup run is, in the order they happen; {@link #FAILED} can follow any of them. */
public enum BackupPhase {
  QUEUED("Queued", ":hourglass_flowing_sand:"),
  RUNNING("Running", ":arrows_counterclockwise:"),
  UPLOADING("Uploading", ":arrow_up:"),
  COMPLETED("Completed", ":white_check_mark:"),
  FAILED("Failed", ":x:");

  private final String label;
  private final String emoji;

  BackupPhase(String label, String emoji) {
    this.label = label;
    this.emoji = emoji;
  }

  public String label() {
    return label;
  }

  public String emoji() {
    return emoji;
  }
}
