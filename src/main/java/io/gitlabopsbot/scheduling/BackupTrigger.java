package io.gitlabopsbot.scheduling;

import java.time.Instant;

/** Starts a backup when a schedule fires; implemented by the backup service. */
@FunctionalInterface
public interface BackupTrigger {

  /**
   * Starts (and may follow) the backup of {@code target}. Posting the result to the notification
   * channel is the implementation's job.
   *
   * @param scheduleId the schedule that fired, e.g. {@code backup-gitlab}
   * @param scheduledFireTime when the schedule was due (earlier than now after a misfire)
   * @throws RuntimeException if the backup could not be started; the message says why
   */
  void runScheduled(String target, String scheduleId, Instant scheduledFireTime);
}
