package io.gitlabopsbot.migration;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a run as stored.
 *
 * @param attempts how many times it was started
 * @param detail what happened, in words; empty when nothing yet
 * @param approvalId the approval request of the current attempt (steps that change data), or null
 * @param approved whether that approval was granted and claimed for this attempt
 * @param value what the step recorded for later steps when it succeeded, or null
 */
public record StepRecord(
    String stepId,
    int position,
    StepState state,
    int attempts,
    Instant startedAt,
    Instant heartbeatAt,
    Instant finishedAt,
    String detail,
    String approvalId,
    boolean approved,
    String value) {

  public StepRecord {
    Objects.requireNonNull(stepId, "stepId");
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
  }
}
