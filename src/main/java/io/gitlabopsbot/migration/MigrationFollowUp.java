package io.gitlabopsbot.migration;

import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.command.NotifierProgress;
import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a migration after a command: an approved plan starts a run, an approved step
 * continues it, and runs whose bot vanished are paused — each reported on the run's own message.
 */
public final class MigrationFollowUp {

  private static final Logger log = LoggerFactory.getLogger(MigrationFollowUp.class);

  private final MigrationService service;
  private final Approvals approvals;
  private final Notifier notifier;
  private final String fallbackChannel;

  /**
   * @param fallbackChannel where a run's message goes when its approval has none (may be null)
   */
  public MigrationFollowUp(
      MigrationService service, Approvals approvals, Notifier notifier, String fallbackChannel) {
    this.service = service;
    this.approvals = approvals;
    this.notifier = notifier;
    this.fallbackChannel = fallbackChannel;
  }

  /**
   * Carries out an approved migration request (the plan or a step); false for other kinds. Returns
   * at once: the work runs on {@code background}.
   */
  public boolean onApproved(ApprovalRequest request, Executor background) {
    String kind = request.subject().kind();
    if (!(MigrationStartApproval.KIND.equals(kind) || MigrationStepApprovals.KIND.equals(kind))) {
      return false;
    }
    background.execute(
        () -> {
          try {
            if (MigrationStartApproval.KIND.equals(kind)) {
              start(request);
            } else {
              MigrationStepApprovals.runAndStep(request)
                  .ifPresent(
                      rs ->
                          service.approved(
                              rs.getKey(),
                              rs.getValue(),
                              request.id(),
                              request.subject().requesterId(),
                              progressOf(rs.getKey())));
            }
          } catch (RuntimeException e) {
            log.warn(
                "approved migration request could not be carried out [approval={}]",
                request.id(),
                e);
          }
        });
    return true;
  }

  private void start(ApprovalRequest request) {
    if (!approvals.consume(request.id(), request.subject().operationHash())) {
      return;
    }
    RunbookResult created = service.create(request.subject().requesterId());
    if (created instanceof RunbookResult.Refused refused) {
      approvals.complete(request.id(), "refused: " + refused.message());
      String where = request.messageChannel() != null ? request.messageChannel() : fallbackChannel;
      if (where != null) {
        notifier.post(where, Message.of(refused.message()));
      }
      return;
    }
    MigrationRun run = ((RunbookResult.Accepted) created).run();
    approvals.complete(request.id(), "migration run " + run.id() + " started");
    String channel = request.messageChannel() != null ? request.messageChannel() : fallbackChannel;
    Progress progress =
        new NotifierProgress(
            notifier,
            channel,
            null,
            ref -> service.attachMessage(run.id(), ref.channel(), ref.ts()));
    service.advance(run.id(), progress);
  }

  /** Progress on the run's own message, posted anew when it has none yet. */
  private Progress progressOf(String runId) {
    MigrationRun run = service.find(runId).orElseThrow();
    MessageRef ref =
        run.messageChannel() == null ? null : new MessageRef(run.messageChannel(), run.messageTs());
    String channel = ref != null ? ref.channel() : fallbackChannel;
    return new NotifierProgress(
        notifier,
        channel,
        ref,
        posted -> service.attachMessage(runId, posted.channel(), posted.ts()));
  }

  /**
   * Continues the run resumed from the command line for a bot to carry on, when this bot is the one
   * that takes it (at most one replica does). Returns at once: the steps run on {@code background}.
   */
  public void continueQueued(Executor background) {
    service
        .queued()
        .ifPresent(
            run ->
                background.execute(
                    () -> {
                      try {
                        service.continueQueued(run.id(), progressOf(run.id()));
                      } catch (RuntimeException e) {
                        log.warn("handed-over migration run failed [run={}]", run.id(), e);
                      }
                    }));
  }

  /** Pauses runs whose step lost its bot and says so on their messages; runs every minute. */
  public void sweep() {
    for (MigrationRun run : service.recoverStale()) {
      try {
        progressOf(run.id()).update(service.overview(run));
      } catch (RuntimeException e) {
        log.warn("could not report the paused migration run [run={}]", run.id(), e);
      }
    }
  }
}
