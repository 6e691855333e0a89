package io.gitlabopsbot.migration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored migration runs. Every change is conditional on the current state and says whether it
 * happened, so replicas and double clicks cannot run a step twice.
 */
public interface MigrationRuns {

  /** Stores a new run in status RUNNING with every step PENDING, in the given order. */
  MigrationRun create(
      String id, String target, String requesterId, List<String> stepIds, Instant now);

  Optional<MigrationRun> find(String id);

  /** The target's run that is not finished, if any (at most one). */
  Optional<MigrationRun> unfinished(String target);

  /** The target's newest run, finished or not. */
  Optional<MigrationRun> latest(String target);

  /** Changes the run's status when it is {@code from}; false otherwise. */
  boolean setStatus(String runId, RunStatus from, RunStatus to, String detail, Instant now);

  /** Asks a running run to stop after its current step. */
  boolean requestAbort(String runId, Instant now);

  void attachMessage(String runId, String channel, String ts);

  /** PENDING or FAILED → RUNNING for a run in status RUNNING; counts an attempt. */
  boolean startStep(String runId, String stepId, Instant now);

  /** Records that the step's bot is still alive. */
  void heartbeat(String runId, String stepId, Instant now);

  /** Stores the value a RUNNING step hands to later steps. */
  void recordValue(String runId, String stepId, String value);

  /** RUNNING → {@code to} with what happened. */
  boolean finishStep(String runId, String stepId, StepState to, String detail, Instant now);

  /**
   * Sets a step that is not RUNNING to {@code to} (PENDING to retry, SUCCEEDED when a person says
   * it is done), clearing its approval.
   */
  boolean resetStep(
      String runId, String stepId, StepState from, StepState to, String detail, Instant now);

  /** Records the approval request asked for the step's current attempt. */
  boolean askedApproval(String runId, String stepId, String approvalId);

  /** Marks the step's current approval granted, when {@code approvalId} is the one asked for. */
  boolean approved(String runId, String stepId, String approvalId);

  /** Steps RUNNING whose heartbeat is older than {@code staleBefore}, with their run IDs. */
  List<StaleStep> staleRunningSteps(Instant staleBefore);

  /** A step whose bot stopped answering. */
  record StaleStep(String runId, String stepId, Instant heartbeatAt) {}
}
