package io.gitlabopsbot.kubernetes;

/** How a command run through exec ended. Only {@link Exited} carries a real exit code. */
public sealed interface ExecResult {

  /** The tail of the combined output (bounded). */
  String output();

  /** The process reported its exit status. */
  record Exited(int exitCode, String output) implements ExecResult {}

  /**
   * No exit status was received: the stream dropped, the wait timed out or the exec failed. The
   * command's real outcome is unknown, so it must be treated as a failure.
   */
  record Broken(String reason, String output) implements ExecResult {}
}
