package io.gitlabopsbot.status;

import io.gitlabopsbot.config.TargetSettings;
import java.time.Instant;
import java.util.Optional;

/** The newest backup run the bot started for a target (its Job, kept for a week after it ends). */
@FunctionalInterface
public interface LastBackupRun {

  /**
   * @throws RuntimeException with a reason fit for the reader when the runs cannot be read
   */
  Optional<Run> newest(TargetSettings target);

  /**
   * One run.
   *
   * @param failure why it failed, or empty when it succeeded or still runs
   */
  record Run(String job, Instant started, boolean active, String failure) {
    public boolean failed() {
      return !failure.isEmpty();
    }
  }
}
