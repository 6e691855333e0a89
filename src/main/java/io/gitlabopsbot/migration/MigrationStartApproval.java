package io.gitlabopsbot.migration;

import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.config.MigrationConfig;
import io.gitlabopsbot.config.TargetSettings;
import java.util.List;
import java.util.Map;

/** The approval a migration run needs before its first step: the whole plan, shown once. */
public final class MigrationStartApproval {

  /** The approval kind of a migration plan. */
  public static final String KIND = "migration-start";

  private MigrationStartApproval() {}

  /** What the approver sees: the host, every step of the plan, and which steps ask again. */
  public static ApprovalSubject subject(
      MigrationConfig config,
      TargetSettings target,
      String requester,
      String correlationId,
      List<StepProcedure> plan) {
    StringBuilder steps = new StringBuilder();
    plan.forEach(step -> steps.append(step.id()).append(' ').append(step.title()).append('\n'));
    return new ApprovalSubject(
        KIND,
        target.name(),
        target.namespace(),
        target.helmRelease(),
        Map.of(
            "host",
            config.user() + "@" + config.host() + ":" + config.port(),
            "steps",
            steps.toString().strip(),
            "note",
            "steps 1-4, 3-1 and 3-3 each ask for their own approval"),
        requester,
        correlationId);
  }
}
