package io.gitlabopsbot.scheduling;

/** The outcome of {@code set}, {@code pause} or {@code resume} on a backup schedule. */
public sealed interface ScheduleChange {

  /** What was (or, in a dry run, would have been) done. */
  enum Action {
    SET,
    PAUSED,
    RESUMED
  }

  /** The change was made, or in a dry run only checked; {@code view} is the resulting state. */
  record Changed(Action action, ScheduleView view, boolean dryRun) implements ScheduleChange {}

  /** Nothing to do: e.g. pausing a paused schedule. */
  record Unchanged(String reason, ScheduleView view) implements ScheduleChange {}

  /** The target has no backup schedule. */
  record NoSchedule(String target) implements ScheduleChange {}

  /**
   * The request was refused before anything was stored; {@code problem} says why and what to do.
   */
  record Rejected(String problem) implements ScheduleChange {}
}
