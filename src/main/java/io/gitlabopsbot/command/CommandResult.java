package io.gitlabopsbot.command;

import io.gitlabopsbot.message.Message;
import java.util.Objects;

/**
 * How a command ended, as its handler knows it. The dispatcher audits the outcome with its reason,
 * counts it, and the CLI turns it into its exit code, so a handler that shows a refusal must not
 * report success.
 */
public sealed interface CommandResult {

  /** The final message shown to the user, whatever the outcome. */
  Message message();

  /** The command did what was asked: a report, a dry run, a change, a posted request. */
  record Succeeded(Message message) implements CommandResult {
    public Succeeded {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Nothing was done: a precondition was not met or the request was not acceptable.
   *
   * @param reason one line for the audit log: why, never a secret
   */
  record Refused(Message message, String reason) implements CommandResult {
    public Refused {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The work was attempted and did not succeed (or its result could not be confirmed).
   *
   * @param reason one line for the audit log: what failed, never a secret
   */
  record Failed(Message message, String reason) implements CommandResult {
    public Failed {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(reason, "reason");
    }
  }

  static CommandResult ok(Message message) {
    return new Succeeded(message);
  }

  static CommandResult refused(Message message, String reason) {
    return new Refused(message, reason);
  }

  /** A refusal whose whole message is one line of text, which is also the reason. */
  static CommandResult refused(String text) {
    return new Refused(Message.of(text), text);
  }

  static CommandResult failed(Message message, String reason) {
    return new Failed(message, reason);
  }
}
