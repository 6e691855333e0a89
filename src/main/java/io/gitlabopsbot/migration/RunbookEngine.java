package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.Progress;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Drives a migration run through its steps in order: precheck → (approval when the step changes
 * data) → act → verify, persisting every transition so a run survives restarts and replicas. It
 * stops at the first failure, before each approval, and when asked to abort; only a person resumes
 * it. It never re-runs a data-changing step whose outcome is unknown.
 */
public final class RunbookEngine {

  private final MigrationRuns runs;
  private final Map<String, StepProcedure> steps = new LinkedHashMap<>();
  private final StepApprovals approvals;
  private final StepRunner runner;
  private final Clock clock;
  private final UnaryOperator<String> scrub;
  private final Supplier<String> ids;

  RunbookEngine(
      MigrationRuns runs,
      List<StepProcedure> procedures,
      StepApprovals approvals,
      StepRunner runner,
      Clock clock,
      UnaryOperator<String> scrub,
      Supplier<String> ids) {
    this.runs = runs;
    procedures.forEach(p -> steps.put(p.id(), p));
    this.approvals = approvals;
    this.runner = runner;
    this.clock = clock;
    this.scrub = scrub;
    this.ids = ids;
  }

  /** The steps in runbook order. */
  public List<StepProcedure> procedures() {
    return List.copyOf(steps.values());
  }

  /** Creates a run for {@code target}, unless one is unfinished there. */
  public RunbookResult create(String target, String requesterId) {
    Optional<MigrationRun> open = runs.unfinished(target);
    if (open.isPresent()) {
      return new RunbookResult.Refused(
          "Migration run `"
              + open.get().id()
              + "` of `"
              + target
              + "` is "
              + open.get().status().name().toLowerCase(java.util.Locale.ROOT)
              + ". Resume or abort it first (`migrate status` shows it).");
    }
    MigrationRun run =
        runs.create(ids.get(), target, requesterId, List.copyOf(steps.keySet()), clock.instant());
    return new RunbookResult.Accepted(run, "Migration run `" + run.id() + "` created.");
  }

  /**
   * Runs steps until the run completes, fails, waits for an approval, or is aborted; returns the
   * run as it is then.
   */
  public MigrationRun advance(String runId, Progress progress) {
    return advance(runId, null, progress);
  }

  /**
   * {@link #advance(String, Progress)} on behalf of {@code causedBy}, who then may not approve the
   * approvals it asks for (null: the run's starter).
   */
  public MigrationRun advance(String runId, String causedBy, Progress progress) {
    RunView view = new RunView(progress, steps, clock);
    while (true) {
      MigrationRun run = runs.find(runId).orElseThrow(() -> unknownRun(runId));
      view.show(run);
      if (run.status() != RunStatus.RUNNING) {
        return run;
      }
      Instant now = clock.instant();
      if (run.abortRequested()) {
        runs.setStatus(runId, RunStatus.RUNNING, RunStatus.ABORTED, "Aborted on request.", now);
        continue;
      }
      Optional<StepRecord> next = run.nextStep();
      if (next.isEmpty()) {
        runs.setStatus(runId, RunStatus.RUNNING, RunStatus.COMPLETED, "", now);
        continue;
      }
      StepRecord record = next.get();
      if (record.state() == StepState.RUNNING) {
        return run; // another bot process runs it; its heartbeat shows whether it is alive
      }
      if (record.state() == StepState.UNKNOWN || record.state() == StepState.FAILED) {
        runs.setStatus(
            runId, RunStatus.RUNNING, RunStatus.PAUSED, RunbookText.needsPerson(record), now);
        continue;
      }
      if (!step(run, record, view, causedBy == null ? run.requesterId() : causedBy)) {
        return runs.find(runId).orElse(run);
      }
    }
  }

  /** Runs one PENDING step; false when this process must stop advancing the run. */
  private boolean step(MigrationRun run, StepRecord record, RunView view, String causedBy) {
    StepProcedure procedure = steps.get(record.stepId());
    String id = record.stepId();
    StepOutput output = new StepOutput(view.progress(), scrub, id);
    StepContext context =
        new StepContext(
            run.id(),
            run.target(),
            output::line,
            view::live,
            stepId ->
                runs.find(run.id())
                    .flatMap(r -> r.step(stepId))
                    .filter(s -> s.state() == StepState.SUCCEEDED)
                    .map(StepRecord::value));
    StepProcedure.Precheck precheck;
    try {
      precheck = procedure.precheck(context);
    } catch (RuntimeException e) {
      precheck = new StepProcedure.Precheck.Blocked("its precheck failed: " + e.getMessage());
    }
    output.flush();
    if (precheck instanceof StepProcedure.Precheck.AlreadyDone done) {
      return runs.startStep(run.id(), id, clock.instant())
          && runs.finishStep(run.id(), id, StepState.SKIPPED, done.why(), clock.instant());
    }
    if (precheck instanceof StepProcedure.Precheck.Blocked blocked) {
      runs.setStatus(
          run.id(),
          RunStatus.RUNNING,
          RunStatus.PAUSED,
          scrub.apply(
              "Step " + id + " cannot run: " + blocked.why() + " Fix it, then `migrate resume`."),
          clock.instant());
      return true;
    }
    if (procedure.changesData() && !record.approved()) {
      if (record.approvalId() == null) {
        String approvalId = approvals.ask(run, procedure, causedBy);
        runs.askedApproval(run.id(), id, approvalId);
      }
      runs.setStatus(
          run.id(),
          RunStatus.RUNNING,
          RunStatus.WAITING_APPROVAL,
          "Step " + id + " changes data: it waits for a second person to approve it.",
          clock.instant());
      return true;
    }
    if (!runs.startStep(run.id(), id, clock.instant())) {
      return false; // another process took it, or the run stopped meanwhile
    }
    view.show(runs.find(run.id()).orElse(run));
    StepRunner.Result result =
        runner.run(procedure, context, () -> runs.heartbeat(run.id(), id, clock.instant()));
    output.flush();
    view.live(null);
    Instant now = clock.instant();
    if (result instanceof StepRunner.Result.Succeeded ok) {
      if (context.recorded() != null) {
        runs.recordValue(run.id(), id, context.recorded());
      }
      return runs.finishStep(run.id(), id, StepState.SUCCEEDED, scrub.apply(ok.summary()), now);
    }
    boolean unknown = result instanceof StepRunner.Result.Unknown;
    String why =
        unknown
            ? ((StepRunner.Result.Unknown) result).why()
            : ((StepRunner.Result.Failed) result).why();
    // Exception messages may quote what a command printed: scrubbed like its output.
    runs.finishStep(
        run.id(), id, unknown ? StepState.UNKNOWN : StepState.FAILED, scrub.apply(why), now);
    return true; // the loop pauses the run with what to do next
  }

  /** Continues after a granted approval of the step's current attempt. */
  public RunbookResult approved(String runId, String stepId, String approvalId, Progress progress) {
    return approved(runId, stepId, approvalId, null, progress);
  }

  /**
   * Continues after a granted approval; the steps that follow ask on behalf of {@code causedBy}
   * (the approved request's requester, whose command set the run moving; null: the starter).
   */
  public RunbookResult approved(
      String runId, String stepId, String approvalId, String causedBy, Progress progress) {
    MigrationRun run = runs.find(runId).orElse(null);
    StepProcedure procedure = steps.get(stepId);
    if (run == null || procedure == null || run.status() != RunStatus.WAITING_APPROVAL) {
      return new RunbookResult.Refused("That migration step is no longer waiting for approval.");
    }
    Optional<StepRecord> record = run.step(stepId);
    if (record.isEmpty()
        || !approvalId.equals(record.get().approvalId())
        || !approvals.claim(approvalId, run, procedure)
        || !runs.approved(runId, stepId, approvalId)) {
      return new RunbookResult.Refused(
          "That approval is not the one step " + stepId + " waits for, or was used already.");
    }
    runs.setStatus(runId, RunStatus.WAITING_APPROVAL, RunStatus.RUNNING, "", clock.instant());
    return new RunbookResult.Accepted(
        advance(runId, causedBy, progress), "Step " + stepId + " approved.");
  }

  /**
   * Resumes a paused or waiting run: a failed step is tried again (precheck first); a step whose
   * outcome is unknown needs {@code decision}: {@code retry} or {@code done}.
   */
  public RunbookResult resume(String runId, String decision, String by, Progress progress) {
    RunbookResult reopened = reopen(runId, decision, by, RunStatus.RUNNING);
    return reopened instanceof RunbookResult.Accepted
        // Whoever resumes causes the approvals asked from here on: they may not grant them.
        ? new RunbookResult.Accepted(advance(runId, by, progress), "Run `" + runId + "` resumed.")
        : reopened;
  }

  /**
   * Resumes a run as {@link #resume} does, but leaves the steps to a serving bot: the run becomes
   * QUEUED, and the bot that {@link #continueQueued takes it} advances it.
   */
  public RunbookResult handOff(String runId, String decision, String by) {
    return reopen(runId, decision, by, RunStatus.QUEUED);
  }

  /**
   * Advances a QUEUED run, when this process is the one that takes it (exactly one of the bots
   * sharing the store does); empty otherwise.
   */
  public Optional<MigrationRun> continueQueued(String runId, Progress progress) {
    if (!runs.setStatus(runId, RunStatus.QUEUED, RunStatus.RUNNING, "", clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(advance(runId, progress));
  }

  private RunbookResult reopen(String runId, String decision, String by, RunStatus status) {
    MigrationRun run = runs.find(runId).orElse(null);
    if (run == null || run.status().finished() || run.status() == RunStatus.RUNNING) {
      return new RunbookResult.Refused(
          run == null
              ? "There is no migration run `" + runId + "`."
              : "Run `"
                  + runId
                  + "` is "
                  + run.status().name().toLowerCase(java.util.Locale.ROOT)
                  + "; there is nothing to resume.");
    }
    Instant now = clock.instant();
    StepRecord next = run.nextStep().orElse(null);
    if (next != null && next.state() == StepState.UNKNOWN) {
      if (decision == null) {
        return new RunbookResult.Refused(RunbookText.needsPerson(next));
      }
      StepState to = "done".equals(decision) ? StepState.SUCCEEDED : StepState.PENDING;
      String detail =
          to == StepState.SUCCEEDED
              ? "marked done by " + by + " after checking by hand"
              : "to be retried, as " + by + " decided";
      runs.resetStep(runId, next.stepId(), StepState.UNKNOWN, to, detail, now);
    } else if (next != null && next.state() == StepState.FAILED) {
      runs.resetStep(
          runId, next.stepId(), StepState.FAILED, StepState.PENDING, "retried by " + by, now);
    } else if (next != null && run.status() == RunStatus.WAITING_APPROVAL) {
      // The approval expired or was rejected: ask again.
      runs.resetStep(runId, next.stepId(), StepState.PENDING, StepState.PENDING, "", now);
    }
    String detail =
        status == RunStatus.QUEUED ? "Resumed by " + by + "; a serving bot continues it." : "";
    if (!runs.setStatus(runId, run.status(), status, detail, now)) {
      return new RunbookResult.Refused(
          "Run `" + runId + "` changed meanwhile; look at `migrate status`.");
    }
    return new RunbookResult.Accepted(
        runs.find(runId).orElseThrow(), "Run `" + runId + "` resumed.");
  }

  /** Aborts a run: at once when nothing runs, else after the running step. */
  public RunbookResult abort(String runId, String by) {
    MigrationRun run = runs.find(runId).orElse(null);
    if (run == null || run.status().finished()) {
      return new RunbookResult.Refused("There is no unfinished migration run `" + runId + "`.");
    }
    Instant now = clock.instant();
    String detail = "Aborted by " + by + ". A new `migrate start` skips the work already done.";
    if (run.status() != RunStatus.RUNNING
        && runs.setStatus(runId, run.status(), RunStatus.ABORTED, detail, now)) {
      return new RunbookResult.Accepted(
          runs.find(runId).orElseThrow(), "Run `" + runId + "` aborted.");
    }
    runs.requestAbort(runId, now);
    return new RunbookResult.Accepted(
        runs.find(runId).orElseThrow(),
        "Run `" + runId + "` stops after its current step finishes.");
  }

  /**
   * Finds steps whose bot stopped answering (crash, restart) and pauses their runs: a step that is
   * safe to repeat waits to run again; one that changes data becomes UNKNOWN for a person to check.
   *
   * @return the runs paused
   */
  public List<MigrationRun> recoverStale(java.time.Duration staleAfter) {
    return new StaleStepRecovery(runs, steps, clock).recover(staleAfter);
  }

  private static IllegalArgumentException unknownRun(String runId) {
    return new IllegalArgumentException("there is no migration run " + runId);
  }
}
