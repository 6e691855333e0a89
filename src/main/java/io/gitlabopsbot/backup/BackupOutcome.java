package io.gitlabopsbot.backup;

import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.util.Locale;

/** How a {@code backup now} ended. Only {@link Succeeded} means a backup exists. */
public sealed interface BackupOutcome {

  /** The final message for the user. */
  Message toMessage(String target);

  /** The archive is in S3 with a plausible size. */
  record Succeeded(String bucket, String key, long sizeBytes, Duration duration)
      implements BackupOutcome {
    @Override
    public Message toMessage(String target) {
      String text =
          BackupPhase.COMPLETED.emoji()
              + " Backup of `"
              + target
              + "` *Completed* in "
              + BackupRun.elapsed(duration)
              + ": `s3://"
              + bucket
              + "/"
              + key
              + "` ("
              + size(sizeBytes)
              + "). Check it with `/gitlab backup verify`.";
      return Message.of(text);
    }
  }

  /**
   * The backup did not complete, or its result could not be confirmed.
   *
   * @param logTail the last lines of backup-utility's output, possibly empty
   */
  record Failed(String reason, String logTail) implements BackupOutcome {
    @Override
    public Message toMessage(String target) {
      return Message.of(
          BackupPhase.FAILED.emoji()
              + " Backup of `"
              + target
              + "` *Failed*: "
              + reason
              + (logTail.isBlank() ? "" : " The log tail is in the thread."));
    }
  }

  /** Nothing was started, e.g. another backup is running or the toolbox is unusable. */
  record Refused(String reason) implements BackupOutcome {
    @Override
    public Message toMessage(String target) {
      return Message.of(":no_entry: Backup of `" + target + "` not started: " + reason);
    }
  }

  /** Dry run: nothing was created; {@code operation} is exactly what would have been done. */
  record DryRun(String operation) implements BackupOutcome {
    @Override
    public Message toMessage(String target) {
      return Message.builder("Dry run: backup of " + target + " not started")
          .section(":test_tube: Dry run, nothing created. `backup now` on `" + target + "` would:")
          .code(operation)
          .build();
    }
  }

  private static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    int unit = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
    return String.format(
        Locale.ROOT, "%.1f %siB", bytes / (double) (1L << (unit * 10)), "KMGTPE".charAt(unit - 1));
  }
}
