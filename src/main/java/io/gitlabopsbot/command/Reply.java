package io.gitlabopsbot.command;

import io.gitlabopsbot.message.Message;
import java.util.concurrent.CompletableFuture;

/**
 * What the dispatcher answers at once, and how the command ends.
 *
 * @param message shown immediately (Slack's ack, the CLI's first output)
 * @param completion completes with the final status; already complete for quick commands
 */
public record Reply(Message message, CompletableFuture<Status> completion) {

  /** How a command ended. */
  public enum Status {
    SUCCEEDED,
    /** The handler refused: nothing was done. */
    REFUSED,
    FAILED,
    INVALID,
    DENIED
  }

  static Reply done(Message message, Status status) {
    return new Reply(message, CompletableFuture.completedFuture(status));
  }
}
