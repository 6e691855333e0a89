package io.gitlabopsbot.migration;

/** Where one step of a migration run stands. */
public enum StepState {
  /** Not run yet, or to be run again (its precheck decides whether it still has work). */
  PENDING,
  /** A bot is running it now (its heartbeat says which one is alive). */
  RUNNING,
  SUCCEEDED,
  /** It failed; the run is paused until someone resumes (the step is then tried again). */
  FAILED,
  /** Its precheck found the work already done. */
  SKIPPED,
  /**
   * It changes data and its bot stopped mid-way (crash, restart, timeout): nobody knows whether it
   * took effect, so a person must check and say whether to retry it or count it as done.
   */
  UNKNOWN;

  /** Whether the run can go past this step. */
  public boolean done() {
    return this == SUCCEEDED || this == SKIPPED;
  }
}
