package io.gitlabopsbot.scheduling;

/** What became of one fire of a backup schedule. */
public enum FireOutcome {
  /** The schedule fired; the backup is being started. */
  FIRED,
  /** The backup service accepted the fire and started a backup. */
  STARTED,
  /** The backup service refused or failed to start a backup. */
  NOT_STARTED,
  /** A backup appeared before the deadline. */
  BACKUP_SEEN,
  /** No backup appeared before the deadline; a warning was posted. */
  MISSED,
  /** The deadline check could not ask the backup store; a warning was posted. */
  UNVERIFIED
}
