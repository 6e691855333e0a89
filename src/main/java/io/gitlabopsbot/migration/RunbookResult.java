package io.gitlabopsbot.migration;

/** What became of a request to start, resume, abort or continue a migration run. */
public sealed interface RunbookResult {

  /** Done; {@code message} says what happened and what comes next. */
  record Accepted(MigrationRun run, String message) implements RunbookResult {}

  /** Nothing was changed; {@code message} says why and what to do. */
  record Refused(String message) implements RunbookResult {}
}
