package io.gitlabopsbot.restore;

import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.command.Targets;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs approved restores: claims the approval exactly once across replicas (the hash recomputed
 * from the stored operation must match) before anything runs, then runs the plan rebuilt from the
 * stored operation, never from anything a client sent.
 */
public final class RestoreExecutor {

  private static final Logger log = LoggerFactory.getLogger(RestoreExecutor.class);

  private final Approvals approvals;
  private final ApprovalMessages messages;
  private final Notifier notifier;
  private final Targets targets;
  private final RestoreRunner runner;
  private final RestoreOperations operations;
  private final Executor executor;

  public RestoreExecutor(
      Approvals approvals,
      ApprovalMessages messages,
      Notifier notifier,
      Targets targets,
      RestoreRunner runner,
      RestoreOperations operations,
      Executor executor) {
    this.approvals = approvals;
    this.messages = messages;
    this.notifier = notifier;
    this.targets = targets;
    this.runner = runner;
    this.operations = operations;
    this.executor = executor;
  }

  /** Told of each approval a click gave; hands restores to the executor and returns at once. */
  public void onApproved(ApprovalRequest request) {
    if (!RestorePlan.KIND.equals(request.subject().kind())) {
      return;
    }
    try {
      executor.execute(() -> runApproved(request.id()));
    } catch (RejectedExecutionException e) {
      // Still APPROVED and unclaimed: nothing ran, and the approval message says Approved.
      log.error("approved restore {} could not be started: the bot is shutting down", request.id());
    }
  }

  /** Runs a request approved in Slack, reporting in a new message in the approval's channel. */
  RestoreOutcome runApproved(String approvalId) {
    Optional<ApprovalRequest> stored = approvals.find(approvalId);
    if (stored.isEmpty() || !stored.get().hasMessage()) {
      log.warn("approved restore {} has no approval message to report under; not run", approvalId);
      return new RestoreOutcome.Refused("?", "the approval request has no message to report in");
    }
    ApprovalRequest request = stored.get();
    Progress progress =
        new RecordedProgress(notifier, request.messageChannel(), ref -> remember(approvalId, ref));
    RestoreOutcome outcome = execute(request, progress);
    try {
      progress.update(outcome.toMessage());
      ApprovalRequest now = approvals.find(approvalId).orElse(request);
      notifier.update(
          new MessageRef(request.messageChannel(), request.messageTs()), messages.forStatus(now));
    } catch (RuntimeException e) {
      log.warn("could not report the end of restore {} in Slack", approvalId, e);
    }
    return outcome;
  }

  /**
   * Claims {@code approved} and runs its restore; refuses without running anything when the claim
   * fails (not approved, claimed already, or the stored operation no longer matches).
   */
  public RestoreOutcome execute(ApprovalRequest approved, Progress progress) {
    Optional<ApprovalRequest> stored = approvals.find(approved.id());
    if (stored.isEmpty()) {
      return new RestoreOutcome.Refused(approved.subject().target(), "the approval is unknown.");
    }
    ApprovalRequest request = stored.get();
    String targetName = request.subject().target();
    Optional<TargetSettings> target = targets.find(targetName);
    RestorePlan plan;
    try {
      plan =
          RestorePlan.fromSubject(
              request.subject(),
              target.orElseThrow(
                  () ->
                      new IllegalArgumentException("target " + targetName + " is not configured")));
    } catch (IllegalArgumentException e) {
      return new RestoreOutcome.Refused(targetName, e.getMessage() + ". Nothing was changed.");
    }
    if (!approvals.consume(request.id(), request.subject().operationHash())) {
      return new RestoreOutcome.Refused(
          targetName,
          "approval `"
              + request.id()
              + "` is not approved, was used already, or no longer matches its operation."
              + " Nothing was changed.");
    }
    RestoreOutcome outcome = runner.run(plan, request.id(), progress);
    approvals.complete(request.id(), outcome.summary());
    return outcome;
  }

  private void remember(String restoreId, MessageRef ref) {
    try {
      operations.message(restoreId, ref.channel(), ref.ts());
    } catch (RuntimeException e) {
      log.warn("could not record where restore {} reports", restoreId, e);
    }
  }
}
