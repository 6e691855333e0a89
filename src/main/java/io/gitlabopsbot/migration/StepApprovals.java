package io.gitlabopsbot.migration;

/**
 * The second-person approval of one attempt of a step that changes data. Implemented over the
 * approval capability; the engine only asks and claims.
 */
public interface StepApprovals {

  /**
   * Posts an approval request for the step's next attempt and returns the request's ID. Neither
   * {@code causedBy} nor the run's starter may approve it.
   *
   * @param causedBy the person whose command made the run ask now (e.g. a {@code migrate resume})
   */
  String ask(MigrationRun run, StepProcedure step, String causedBy);

  /** {@link #ask(MigrationRun, StepProcedure, String)} caused by the run's starter. */
  default String ask(MigrationRun run, StepProcedure step) {
    return ask(run, step, run.requesterId());
  }

  /**
   * Claims the approval for execution, exactly once: false when it is not approved, was used, or is
   * not for this run and step.
   */
  boolean claim(String approvalId, MigrationRun run, StepProcedure step);
}
