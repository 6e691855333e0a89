package io.gitlabopsbot.migration;

/** Where a migration run stands as a whole. */
public enum RunStatus {
  /** Steps are being run (or are about to be). */
  RUNNING,
  /** Stopped before a step that changes data until a second person approves it. */
  WAITING_APPROVAL,
  /** Stopped after a failure, an unknown outcome or a restart; someone must resume it. */
  PAUSED,
  /**
   * Resumed from the command line while a bot serves: the bot continues it, so no long step runs in
   * a terminal session that may close.
   */
  QUEUED,
  /** Stopped for good by a person; a new run starts over (its prechecks skip finished work). */
  ABORTED,
  /** Every step succeeded or was skipped. */
  COMPLETED;

  /** Whether the run is over; at most one run per target is not. */
  public boolean finished() {
    return this == ABORTED || this == COMPLETED;
  }
}
