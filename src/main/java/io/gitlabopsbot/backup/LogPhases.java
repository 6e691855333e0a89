package io.gitlabopsbot.backup;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code backup-utility} output: how far it got, where it stored the backup, what failed. */
public final class LogPhases {

  private static final Pattern RUNNING = Pattern.compile("(^|\\s)(Dumping|Bundling)\\b|-- Dumping");
  private static final Pattern UPLOADING = Pattern.compile("^upload: |Packing up backup tar");
  private static final Pattern COMPLETED =
      Pattern.compile("Backup can be found at s3://([^/\\s]+)/(\\S+)");
  private static final Pattern EXIT = Pattern.compile("command terminated with exit code (\\d+)");
  private static final Pattern FAILED =
      Pattern.compile("\\[FAILED]|AccessDenied|Access Denied|An error occurred \\(");

  private LogPhases() {}

  /** Where backup-utility said it stored the archive. */
  public record Location(String bucket, String key) {
    public String uri() {
      return "s3://" + bucket + "/" + key;
    }
  }

  /**
   * What a log says.
   *
   * @param phase the furthest phase reached, or {@link BackupPhase#FAILED} when a failure line was
   *     seen
   * @param failure the first failure line, if any
   */
  public record Reading(BackupPhase phase, Optional<Location> location, Optional<String> failure) {}

  /** Reads a whole log or its tail; an empty log is {@link BackupPhase#QUEUED}. */
  public static Reading read(String log) {
    BackupPhase phase = BackupPhase.QUEUED;
    Location location = null;
    String failure = null;
    for (String raw : log.split("\\R")) {
      String line = raw.strip();
      Matcher completed = COMPLETED.matcher(line);
      Matcher exit = EXIT.matcher(line);
      if (completed.find()) {
        location = new Location(completed.group(1), completed.group(2));
        phase = BackupPhase.COMPLETED;
      } else if (exit.find()) {
        if (!"0".equals(exit.group(1)) && failure == null) {
          failure = line;
        }
      } else if (FAILED.matcher(line).find()) {
        failure = failure == null ? line : failure;
      } else if (UPLOADING.matcher(line).find()) {
        phase = later(phase, BackupPhase.UPLOADING);
      } else if (RUNNING.matcher(line).find()) {
        phase = later(phase, BackupPhase.RUNNING);
      }
    }
    return new Reading(
        failure != null ? BackupPhase.FAILED : phase,
        Optional.ofNullable(location),
        Optional.ofNullable(failure));
  }

  private static BackupPhase later(BackupPhase current, BackupPhase seen) {
    return seen.ordinal() > current.ordinal() ? seen : current;
  }
}
