package io.gitlabopsbot.migration;

import io.gitlabopsbot.approval.ApprovalNotices;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.config.TargetSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Step approvals over the approval capability: each attempt of a data-changing step is its own
 * request (kind {@value #KIND}), bound to the run, the step and what the step does. Its requester
 * is the person whose command made the run ask (the starter, or whoever resumed it); neither they
 * nor the person who started the migration can approve it.
 */
public final class MigrationStepApprovals implements StepApprovals {

  /** The approval kind of a migration step. */
  public static final String KIND = "migration-step";

  private final ApprovalNotices notices;
  private final Approvals approvals;
  private final Function<String, Optional<TargetSettings>> targets;
  private final Duration ttl;
  private final String fallbackChannel;

  /**
   * @param fallbackChannel where to ask when the run has no message yet (e.g. started from the CLI)
   */
  public MigrationStepApprovals(
      ApprovalNotices notices,
      Approvals approvals,
      Function<String, Optional<TargetSettings>> targets,
      Duration ttl,
      String fallbackChannel) {
    this.notices = notices;
    this.approvals = approvals;
    this.targets = targets;
    this.ttl = ttl;
    this.fallbackChannel = fallbackChannel;
  }

  @Override
  public String ask(MigrationRun run, StepProcedure step, String causedBy) {
    String channel = run.messageChannel() != null ? run.messageChannel() : fallbackChannel;
    if (channel == null) {
      throw new StepFailedException(
          "step "
              + step.id()
              + " needs an approval, but there is no channel to ask in: set"
              + " slack.notificationChannel");
    }
    return notices.ask(subject(run, step, causedBy), ttl, channel).id();
  }

  @Override
  public boolean claim(String approvalId, MigrationRun run, StepProcedure step) {
    Optional<ApprovalRequest> request = approvals.find(approvalId);
    if (request.isEmpty()) {
      return false;
    }
    String expected = subject(run, step, request.get().subject().requesterId()).operationHash();
    // The hash covers run, step and what the step does, so an approval of another step, run or
    // changed step definition cannot be claimed here.
    return expected.equals(request.get().operationHash())
        && approvals.consume(approvalId, expected);
  }

  /** What a second person approves for one step of one run, asked because of {@code causedBy}. */
  ApprovalSubject subject(MigrationRun run, StepProcedure step, String causedBy) {
    TargetSettings target =
        targets
            .apply(run.target())
            .orElseThrow(
                () ->
                    new StepFailedException("target " + run.target() + " is no longer configured"));
    return new ApprovalSubject(
        KIND,
        target.name(),
        target.namespace(),
        target.helmRelease(),
        Map.of(
            "run", run.id(),
            "step", step.id(),
            "title", step.title(),
            "does", step.describe()),
        causedBy,
        run.id(),
        Set.of(run.requesterId()));
  }

  /** The run and step an approved request of this kind is for, or empty for other kinds. */
  public static Optional<Map.Entry<String, String>> runAndStep(ApprovalRequest request) {
    if (!KIND.equals(request.subject().kind())) {
      return Optional.empty();
    }
    Map<String, String> p = request.subject().parameters();
    return p.containsKey("run") && p.containsKey("step")
        ? Optional.of(Map.entry(p.get("run"), p.get("step")))
        : Optional.empty();
  }
}
