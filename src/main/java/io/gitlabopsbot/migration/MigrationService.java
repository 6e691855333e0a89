package io.gitlabopsbot.migration;

import io.gitlabopsbot.command.Progress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The migration of one target as the commands see it: start a run, show it, resume it, abort it,
 * and continue it when a step is approved. Each run gets its own step procedures, because some of
 * their work is named after the run (e.g. the copy of gitlab.rb).
 */
public final class MigrationService {

  /** A step whose bot has not beaten its heartbeat for this long lost its bot. */
  public static final Duration STALE_AFTER = Duration.ofMinutes(3);

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final String target;
  private final MigrationRuns runs;
  private final Function<String, List<StepProcedure>> procedures;
  private final StepApprovals approvals;
  private final StepRunner runner;
  private final Clock clock;
  private final UnaryOperator<String> scrub;
  private final Runnable learnSecrets;

  /**
   * @param procedures the runbook's steps for a run ID, in order
   * @param workers runs step actions (one thread per running step)
   * @param scrub masks known secrets in step output
   */
  public MigrationService(
      String target,
      MigrationRuns runs,
      Function<String, List<StepProcedure>> procedures,
      StepApprovals approvals,
      ExecutorService workers,
      Clock clock,
      UnaryOperator<String> scrub) {
    this(target, runs, procedures, approvals, workers, clock, scrub, () -> {});
  }

  /**
   * @param learnSecrets makes {@code scrub} (and every other user of the same redactor) learn the
   *     host's secrets; run before a run moves, so no step's output can show one
   */
  public MigrationService(
      String target,
      MigrationRuns runs,
      Function<String, List<StepProcedure>> procedures,
      StepApprovals approvals,
      ExecutorService workers,
      Clock clock,
      UnaryOperator<String> scrub,
      Runnable learnSecrets) {
    this.target = target;
    this.runs = runs;
    this.procedures = procedures;
    this.approvals = approvals;
    this.runner = new StepRunner(workers, Duration.ofSeconds(30));
    this.clock = clock;
    this.scrub = scrub;
    this.learnSecrets = learnSecrets;
  }

  /** The target this migration moves GitLab into. */
  public String target() {
    return target;
  }

  /** The steps a new run would take (for the plan and the start approval). */
  public List<StepProcedure> plan() {
    return procedures.apply(newRunId());
  }

  /** The unfinished run, if any, else the newest one. */
  public Optional<MigrationRun> current() {
    return runs.unfinished(target).or(() -> runs.latest(target));
  }

  /** Creates a run (after its start was approved) without advancing it. */
  public RunbookResult create(String requesterId) {
    String id = newRunId();
    return engine(id).create(target, requesterId);
  }

  /** Runs the run's steps until it completes, pauses or waits for an approval. */
  public MigrationRun advance(String runId, Progress progress) {
    learnSecrets.run();
    return engine(runId).advance(runId, progress);
  }

  public void attachMessage(String runId, String channel, String ts) {
    runs.attachMessage(runId, channel, ts);
  }

  public RunbookResult resume(String decision, String by, Progress progress) {
    Optional<MigrationRun> open = runs.unfinished(target);
    if (open.isEmpty()) {
      return new RunbookResult.Refused("No migration of `" + target + "` is paused or waiting.");
    }
    learnSecrets.run();
    return engine(open.get().id()).resume(open.get().id(), decision, by, progress);
  }

  /**
   * Resumes the open run for a serving bot to continue (it becomes QUEUED): for the command line,
   * whose session may end long before a step does.
   */
  public RunbookResult handOff(String decision, String by) {
    Optional<MigrationRun> open = runs.unfinished(target);
    if (open.isEmpty()) {
      return new RunbookResult.Refused("No migration of `" + target + "` is paused or waiting.");
    }
    return engine(open.get().id()).handOff(open.get().id(), decision, by);
  }

  /** The target's run waiting for a bot to continue it, if any. */
  public Optional<MigrationRun> queued() {
    return runs.unfinished(target).filter(run -> run.status() == RunStatus.QUEUED);
  }

  /** Continues a QUEUED run when this bot is the one that takes it; empty when another took it. */
  public Optional<MigrationRun> continueQueued(String runId, Progress progress) {
    return engine(runId).continueQueued(runId, progress);
  }

  public RunbookResult abort(String by) {
    Optional<MigrationRun> open = runs.unfinished(target);
    if (open.isEmpty()) {
      return new RunbookResult.Refused("No migration of `" + target + "` is unfinished.");
    }
    return engine(open.get().id()).abort(open.get().id(), by);
  }

  public RunbookResult approved(String runId, String stepId, String approvalId, Progress progress) {
    return approved(runId, stepId, approvalId, null, progress);
  }

  /**
   * Continues a run after its step's approval; {@code causedBy} (the approved request's requester)
   * may not approve the approvals the following steps ask for. Null: the run's starter.
   */
  public RunbookResult approved(
      String runId, String stepId, String approvalId, String causedBy, Progress progress) {
    learnSecrets.run();
    return engine(runId).approved(runId, stepId, approvalId, causedBy, progress);
  }

  /** Pauses runs whose running step lost its bot; returns them so people can be told. */
  public List<MigrationRun> recoverStale() {
    return engine("recovery").recoverStale(STALE_AFTER);
  }

  /** The run's progress message as it should look now. */
  public io.gitlabopsbot.message.Message overview(MigrationRun run) {
    java.util.Map<String, StepProcedure> steps = new java.util.LinkedHashMap<>();
    plan().forEach(step -> steps.put(step.id(), step));
    return RunbookText.overview(run, steps, null);
  }

  /** Finds the run by ID, e.g. to rebuild its progress message after a restart. */
  public Optional<MigrationRun> find(String runId) {
    return runs.find(runId);
  }

  private RunbookEngine engine(String runId) {
    return new RunbookEngine(
        runs, procedures.apply(runId), approvals, runner, clock, scrub, () -> runId);
  }

  private String newRunId() {
    return RUN_ID.format(clock.instant());
  }
}
