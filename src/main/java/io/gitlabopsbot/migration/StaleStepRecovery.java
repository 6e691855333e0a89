package io.gitlabopsbot.migration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds steps whose bot stopped answering (crash, restart) and pauses their runs: a step that is
 * safe to repeat waits to run again; one that changes data becomes UNKNOWN for a person to check.
 */
final class StaleStepRecovery {

  private final MigrationRuns runs;
  private final Map<String, StepProcedure> steps;
  private final Clock clock;

  StaleStepRecovery(MigrationRuns runs, Map<String, StepProcedure> steps, Clock clock) {
    this.runs = runs;
    this.steps = steps;
    this.clock = clock;
  }

  /** Pauses every run with a step whose heartbeat is older than {@code staleAfter}. */
  List<MigrationRun> recover(Duration staleAfter) {
    Instant now = clock.instant();
    return runs.staleRunningSteps(now.minus(staleAfter)).stream()
        .map(stale -> recover(stale, now))
        .flatMap(Optional::stream)
        .toList();
  }

  private Optional<MigrationRun> recover(MigrationRuns.StaleStep stale, Instant now) {
    StepProcedure procedure = steps.get(stale.stepId());
    boolean repeatable = procedure != null && procedure.idempotent() && !procedure.changesData();
    String detail =
        repeatable
            ? "the bot stopped while this step ran; it runs again (precheck first) on resume"
            : "the bot stopped while this step ran; nobody knows whether it took effect";
    if (!runs.finishStep(
        stale.runId(),
        stale.stepId(),
        repeatable ? StepState.PENDING : StepState.UNKNOWN,
        detail,
        now)) {
      return Optional.empty();
    }
    MigrationRun run = runs.find(stale.runId()).orElseThrow();
    String why =
        repeatable
            ? "The bot restarted during step "
                + stale.stepId()
                + ". `migrate resume` runs it again."
            : RunbookText.needsPerson(run.step(stale.stepId()).orElseThrow());
    runs.setStatus(stale.runId(), RunStatus.RUNNING, RunStatus.PAUSED, why, now);
    return runs.find(stale.runId());
  }
}
