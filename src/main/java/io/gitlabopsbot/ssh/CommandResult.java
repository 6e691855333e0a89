package io.gitlabopsbot.ssh;

import java.time.Duration;

/**
 * How a remote command ended. Only {@link Exited} with status 0 is a success: a timeout or a lost
 * connection leaves the command's real outcome unknown.
 */
public sealed interface CommandResult {

  /** The last lines of the combined output (bounded). */
  String tail();

  /** True only for an exit status of 0. */
  default boolean succeeded() {
    return this instanceof Exited exited && exited.exitCode() == 0;
  }

  /** One sentence for an operator: what happened and, for a failure, what to do. */
  String summary();

  /**
   * The command reported its exit status. {@code noSpaceLeft} is true when its output said "No
   * space left on device": the host's disk (or the one it wrote to) is full.
   */
  record Exited(int exitCode, String tail, boolean noSpaceLeft) implements CommandResult {
    @Override
    public String summary() {
      if (exitCode == 0) {
        return "exited with status 0";
      }
      if (noSpaceLeft) {
        return "failed with status "
            + exitCode
            + ": the host ran out of disk space (\"No space left on device\"); free space on the"
            + " host (e.g. old backups under /var/opt/gitlab/backups) and run it again";
      }
      return "failed with status " + exitCode + "; see the last output lines";
    }
  }

  /**
   * No exit status within {@code after}. The bot asked the host to stop the command and closed the
   * channel, but the command may still be running there.
   */
  record TimedOut(Duration after, String tail) implements CommandResult {
    @Override
    public String summary() {
      return "did not finish within "
          + after
          + "; it was asked to stop but may still run on the host: check with `ps` there before"
          + " running it again";
    }
  }

  /**
   * The command ended without an exit status: the connection dropped, or the channel closed (e.g.
   * the process was killed by a signal). Its outcome is unknown.
   */
  record Disconnected(String reason, String tail) implements CommandResult {
    @Override
    public String summary() {
      return reason + "; its outcome is unknown: check on the host before running it again";
    }
  }
}
