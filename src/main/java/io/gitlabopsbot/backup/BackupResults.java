package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what a backup run reported into a confirmed outcome and shows it. */
final class BackupResults {

  private static final Logger log = LoggerFactory.getLogger(BackupResults.class);

  private final BiFunction<String, String, OptionalLong> objectSize;
  private final Consumer<BackupOutcome.Succeeded> afterSuccess;
  private final BackupMetrics metrics;
  private final Clock clock;

  BackupResults(
      BiFunction<String, String, OptionalLong> objectSize,
      Consumer<BackupOutcome.Succeeded> afterSuccess,
      BackupMetrics metrics,
      Clock clock) {
    this.objectSize = objectSize;
    this.afterSuccess = afterSuccess;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Turns a log that claims success into a confirmed backup, or a failure saying what is wrong. */
  BackupOutcome confirmed(LogPhases.Reading reading, Duration duration, String logTail) {
    if (reading.failure().isPresent()) {
      return new BackupOutcome.Failed(
          "backup-utility reported an error: `" + reading.failure().get() + "`.", logTail);
    }
    if (reading.location().isEmpty()) {
      return new BackupOutcome.Failed(
          "backup-utility finished without saying where it stored the backup, so it is not"
              + " counted as one. Check the log tail and `/gitlab backup list`.",
          logTail);
    }
    LogPhases.Location location = reading.location().get();
    OptionalLong size;
    try {
      size = objectSize.apply(location.bucket(), location.key());
    } catch (RuntimeException e) {
      return new BackupOutcome.Failed(
          "backup-utility reported `"
              + location.uri()
              + "` but S3 could not be checked ("
              + e.getClass().getSimpleName()
              + "). Run `/gitlab backup verify` once S3 is reachable.",
          logTail);
    }
    if (size.isEmpty() || size.getAsLong() == 0) {
      return new BackupOutcome.Failed(
          "backup-utility reported `"
              + location.uri()
              + "` but S3 has "
              + (size.isEmpty() ? "no such object" : "an empty object")
              + ". Check the bucket and the toolbox's S3 credentials.",
          logTail);
    }
    return new BackupOutcome.Succeeded(
        location.bucket(), location.key(), size.getAsLong(), duration);
  }

  /** Shows the final state; for a failure the log tail goes to the thread. */
  BackupOutcome finish(TargetSettings target, Progress progress, BackupOutcome outcome) {
    if (outcome instanceof BackupOutcome.Failed failed && !failed.logTail().isBlank()) {
      progress.detail(
          Message.builder("Log tail of the failed backup").code(failed.logTail().strip()).build());
    }
    progress.update(outcome.toMessage(target.name()));
    metrics.ended(target.name(), outcome, clock.instant());
    if (outcome instanceof BackupOutcome.Succeeded succeeded) {
      try {
        afterSuccess.accept(succeeded);
      } catch (RuntimeException e) {
        log.warn("the after-backup step failed [key={}]", succeeded.key(), e);
        progress.detail(
            Message.of(
                ":warning: The backup is fine, but the step after it (retention) failed: "
                    + e.getClass().getSimpleName()
                    + ". See the bot log."));
      }
    }
    return outcome;
  }
}
