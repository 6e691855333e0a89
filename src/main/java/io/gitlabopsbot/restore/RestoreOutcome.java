package io.gitlabopsbot.restore;

import io.gitlabopsbot.message.Message;
import java.time.Duration;
import java.time.Instant;

/** How a {@code restore} request ended, from refusal to a restored GitLab. */
public sealed interface RestoreOutcome {

  /** What the person who asked sees last. */
  Message toMessage();

  /** One line for the audit log and the approval record. */
  String summary();

  /** Nothing was changed; {@code reason} says why and what to do. */
  record Refused(String target, String reason) implements RestoreOutcome {
    @Override
    public Message toMessage() {
      return Message.of(":no_entry: Restore of `" + target + "` not started: " + reason);
    }

    @Override
    public String summary() {
      return "refused: " + reason;
    }
  }

  /** {@code --dry-run}: the full plan, nothing changed, nobody asked. */
  record DryRun(RestorePlan plan) implements RestoreOutcome {
    @Override
    public Message toMessage() {
      return RestoreTexts.plan(
          plan,
          ":test_tube: Dry run",
          "Nothing was changed and no approval was requested. Run it without `--dry-run` to ask"
              + " for approval.");
    }

    @Override
    public String summary() {
      return "dry run of " + plan.backupId();
    }
  }

  /** The approval request is posted; nothing happens until a second person approves. */
  record AwaitingApproval(RestorePlan plan, String approvalId, Instant expiresAt)
      implements RestoreOutcome {
    @Override
    public Message toMessage() {
      return RestoreTexts.plan(
          plan,
          ":raised_hand: Approval requested",
          "Nothing happens until a second person with the approver role approves the request in"
              + " this channel (it expires <!date^"
              + expiresAt.getEpochSecond()
              + "^{time}|"
              + expiresAt
              + ">). Approval `"
              + approvalId
              + "`.");
    }

    @Override
    public String summary() {
      return "approval requested: " + approvalId;
    }
  }

  /** GitLab runs on the restored data and its pods are Ready. */
  record Succeeded(RestorePlan plan, String preBackupKey, Duration took) implements RestoreOutcome {
    @Override
    public Message toMessage() {
      return Message.of(
          ":white_check_mark: Restore of `"
              + plan.target().name()
              + "` from `"
              + plan.backupId()
              + "` *Completed* in "
              + RestoreTexts.elapsed(took)
              + ": replicas are back and the pods are Ready."
              + (preBackupKey == null
                  ? ""
                  : " The state before the restore is in `" + preBackupKey + "`."));
    }

    @Override
    public String summary() {
      return "restored " + plan.backupId();
    }
  }

  /**
   * The restore stopped.
   *
   * @param state exactly what state GitLab is left in
   * @param next what to do now
   */
  record Failed(RestorePlan plan, RestorePhase phase, String reason, String state, String next)
      implements RestoreOutcome {
    @Override
    public Message toMessage() {
      return Message.builder(
              "Restore of " + plan.target().name() + " failed at " + phase.label() + ": " + reason)
          .section(
              ":x: Restore of `"
                  + plan.target().name()
                  + "` from `"
                  + plan.backupId()
                  + "` *Failed* at *"
                  + phase.label()
                  + "*: "
                  + reason)
          .section("*State:* " + state)
          .section("*What to do:* " + next)
          .build();
    }

    @Override
    public String summary() {
      return "failed at " + phase.label() + ": " + reason;
    }
  }
}
