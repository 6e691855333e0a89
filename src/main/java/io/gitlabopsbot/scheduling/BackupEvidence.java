package io.gitlabopsbot.scheduling;

import java.time.Instant;

/** Tells whether a backup of a target exists; the backup store (S3) answers in production. */
@FunctionalInterface
public interface BackupEvidence {

  /**
   * Whether a backup of {@code target} was created at or after {@code since}.
   *
   * @throws RuntimeException if the store could not be asked; the message says why
   */
  boolean backupSince(String target, Instant since);
}
