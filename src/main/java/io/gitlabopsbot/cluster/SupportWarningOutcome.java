package io.gitlabopsbot.cluster;

/** What one end-of-support check did. */
public sealed interface SupportWarningOutcome {

  /** This replica posted {@code due}. */
  record Posted(SupportWarningDue due) implements SupportWarningOutcome {}

  /** {@code due} was posted before, by this or another replica. */
  record AlreadySent(SupportWarningDue due) implements SupportWarningOutcome {}

  /** No threshold is crossed yet, or the end date is not announced. */
  record NothingDue() implements SupportWarningOutcome {}

  /**
   * The dates could not be read; nothing was recorded as sent.
   *
   * @param noticePosted whether this check posted the day's single "could not check" notice
   */
  record CheckFailed(String reason, boolean noticePosted) implements SupportWarningOutcome {}

  /** The warning was due but posting it failed; it is tried again on the next check. */
  record PostFailed(SupportWarningDue due, String reason) implements SupportWarningOutcome {}
}
