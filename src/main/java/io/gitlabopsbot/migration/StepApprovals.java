package io.gitlabopsbot.migration;

/**
 * The second-person approval of one attempt of a step that changes data. Implemented over the
 * approval capability; the engine only asks and claims.
 */
public interface StepApprovals {

  /** Posts an approval request for the step's next attempt and returns the request's ID. */
  String ask(MigrationRun run, StepProcedure step);

  /**
   * Claims the approval for execution, exactly once: false when it is not approved, was used, or is
   * not for this run and step.
   */
  boolean claim(String approvalId, MigrationRun run, StepProcedure step);
}
