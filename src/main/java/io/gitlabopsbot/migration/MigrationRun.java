package io.gitlabopsbot.migration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One migration of a target, as stored: its status and its steps in runbook order.
 *
 * @param detail why it is paused, waiting or aborted; empty otherwise
 * @param messageChannel where its progress message is, or null before it was posted
 */
public record MigrationRun(
    String id,
    String target,
    RunStatus status,
    String requesterId,
    Instant createdAt,
    Instant updatedAt,
    String detail,
    boolean abortRequested,
    String messageChannel,
    String messageTs,
    List<StepRecord> steps) {

  public MigrationRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    steps = List.copyOf(steps);
  }

  /** The first step that is not done yet, in runbook order. */
  public Optional<StepRecord> nextStep() {
    return steps.stream().filter(s -> !s.state().done()).findFirst();
  }

  public Optional<StepRecord> step(String stepId) {
    return steps.stream().filter(s -> s.stepId().equals(stepId)).findFirst();
  }
}
