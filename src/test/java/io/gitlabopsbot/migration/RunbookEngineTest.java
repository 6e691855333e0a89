package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunbookEngineTest {

  private final Database database = TestDatabases.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final JdbcMigrationRuns runs = new JdbcMigrationRuns(database.dataSource());
  private final RecordingApprovals approvals = new RecordingApprovals();
  private final RecordingProgress progress = new RecordingProgress();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final AtomicInteger ids = new AtomicInteger();

  @AfterEach
  void close() {
    workers.shutdownNow();
    database.close();
  }

  private RunbookEngine engine(StepProcedure... steps) {
    return new RunbookEngine(
        runs,
        List.of(steps),
        approvals,
        new StepRunner(workers, Duration.ofMillis(20)),
        clock,
        line -> line.replace("CANARY-secret", "[REDACTED]"),
        () -> "run-" + ids.incrementAndGet());
  }

  /** Creates a run, advances it to its first approval, grants that and goes on; returns the run. */
  private MigrationRun approvedFirst(RunbookEngine engine, String stepId) {
    String id = created(engine);
    engine.advance(id, progress);
    approvals.grant(approvals.last());
    return ((RunbookResult.Accepted) engine.approved(id, stepId, approvals.last(), progress)).run();
  }

  private String created(RunbookEngine engine) {
    return ((RunbookResult.Accepted) engine.create("prod", "U_REQ")).run().id();
  }

  @Test
  void advance_whenEveryStepSucceeds_completesTheRunInOrder() {
    StringBuilder order = new StringBuilder();
    ScriptedStep first = ScriptedStep.safe("1-1");
    ScriptedStep second = ScriptedStep.safe("1-2");
    first.action = c -> order.append("1-1 ");
    second.action = c -> order.append("1-2 ");
    RunbookEngine engine = engine(first, second);

    MigrationRun run = engine.advance(created(engine), progress);

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(order).hasToString("1-1 1-2 ");
    assertThat(run.steps()).extracting(StepRecord::state).containsOnly(StepState.SUCCEEDED);
    assertThat(progress.last()).contains("Migration completed").contains("✅ *1-2*");
  }

  @Test
  void advance_whenThePrecheckFindsTheWorkDone_skipsTheStepWithoutActing() {
    ScriptedStep step = ScriptedStep.safe("1-2");
    step.precheck = new StepProcedure.Precheck.AlreadyDone("gitlab.rb already has the settings");
    RunbookEngine engine = engine(step);

    MigrationRun run = engine.advance(created(engine), progress);

    assertThat(step.acts).hasValue(0);
    assertThat(run.step("1-2").orElseThrow().state()).isEqualTo(StepState.SKIPPED);
    assertThat(run.step("1-2").orElseThrow().detail()).contains("already has");
  }

  @Test
  void advance_whenAPrecheckIsBlocked_pausesWithTheReasonAndResumeRunsItOnceFixed() {
    ScriptedStep step = ScriptedStep.safe("2");
    step.precheck =
        new StepProcedure.Precheck.Blocked("only 1 GiB free in /var/opt/gitlab/backups.");
    RunbookEngine engine = engine(step);
    String id = created(engine);

    MigrationRun paused = engine.advance(id, progress);

    assertThat(paused.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.detail()).contains("Step 2 cannot run: only 1 GiB free");
    assertThat(step.acts).hasValue(0);

    step.precheck = new StepProcedure.Precheck.Ready();
    RunbookResult resumed = engine.resume(id, null, "U_OPS", progress);

    assertThat(((RunbookResult.Accepted) resumed).run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(step.acts).hasValue(1);
  }

  @Test
  void handOff_ofAPausedRun_queuesItWithoutRunning_andOnlyOneBotContinuesIt() {
    ScriptedStep step = ScriptedStep.safe("1-3");
    step.precheck = new StepProcedure.Precheck.Blocked("the S3 endpoint refused the connection.");
    RunbookEngine engine = engine(step);
    String id = created(engine);
    engine.advance(id, progress);
    step.precheck = new StepProcedure.Precheck.Ready();

    RunbookResult handed = engine.handOff(id, null, "alice (CLI)");

    MigrationRun queued = ((RunbookResult.Accepted) handed).run();
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queued.detail()).contains("alice (CLI)");
    assertThat(step.acts).as("nothing runs in the process that hands off").hasValue(0);

    java.util.Optional<MigrationRun> taken = engine.continueQueued(id, progress);
    java.util.Optional<MigrationRun> second = engine(step).continueQueued(id, progress);

    assertThat(taken.orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(second).as("a second bot finds it taken").isEmpty();
    assertThat(step.acts).hasValue(1);
  }

  @Test
  void advance_atAStepThatChangesData_waitsForApprovalBeforeActing() {
    ScriptedStep safe = ScriptedStep.safe("1-3");
    ScriptedStep move = ScriptedStep.destructive("1-4");
    RunbookEngine engine = engine(safe, move);
    String id = created(engine);

    MigrationRun waiting = engine.advance(id, progress);

    assertThat(waiting.status()).isEqualTo(RunStatus.WAITING_APPROVAL);
    assertThat(safe.acts).hasValue(1);
    assertThat(move.acts).hasValue(0);
    assertThat(approvals.asked).hasSize(1);
    assertThat(waiting.step("1-4").orElseThrow().approvalId()).isEqualTo(approvals.last());

    approvals.grant(approvals.last());
    RunbookResult approved = engine.approved(id, "1-4", approvals.last(), progress);

    assertThat(((RunbookResult.Accepted) approved).run().status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(move.acts).hasValue(1);
  }

  @Test
  void approved_withAnApprovalThatWasNotGrantedOrIsForAnotherStep_runsNothing() {
    ScriptedStep move = ScriptedStep.destructive("1-4");
    RunbookEngine engine = engine(move);
    String id = created(engine);
    engine.advance(id, progress);
    String asked = approvals.last();

    assertThat(engine.approved(id, "1-4", asked, progress))
        .isInstanceOf(RunbookResult.Refused.class);
    approvals.grant(asked);
    assertThat(engine.approved(id, "1-4", "appr-forged", progress))
        .isInstanceOf(RunbookResult.Refused.class);

    assertThat(move.acts).hasValue(0);
    assertThat(runs.find(id).orElseThrow().status()).isEqualTo(RunStatus.WAITING_APPROVAL);
  }

  @Test
  void approved_twice_runsTheStepOnlyOnce() {
    ScriptedStep move = ScriptedStep.destructive("3-1");
    RunbookEngine engine = engine(move);
    String id = created(engine);
    engine.advance(id, progress);
    String asked = approvals.last();
    approvals.grant(asked);

    engine.approved(id, "3-1", asked, progress);
    RunbookResult again = engine.approved(id, "3-1", asked, progress);

    assertThat(again).isInstanceOf(RunbookResult.Refused.class);
    assertThat(move.acts).hasValue(1);
  }

  @Test
  void resume_afterAFailureOfADataChangingStep_asksForANewApproval() {
    ScriptedStep move =
        ScriptedStep.destructive("1-4")
            .failing(new StepFailedException("mv: cannot move 'uploads': Permission denied"));
    RunbookEngine engine = engine(move);

    MigrationRun paused = approvedFirst(engine, "1-4");
    String id = paused.id();
    assertThat(paused.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.step("1-4").orElseThrow().state()).isEqualTo(StepState.FAILED);
    assertThat(paused.detail()).contains("Permission denied").contains("migrate resume");

    move.action = c -> {};
    RunbookResult resumed = engine.resume(id, null, "U_OPS", progress);

    assertThat(((RunbookResult.Accepted) resumed).run().status())
        .isEqualTo(RunStatus.WAITING_APPROVAL);
    assertThat(approvals.asked).hasSize(2);
    assertThat(move.acts).hasValue(1);
  }

  @Test
  void advance_whenADataChangingStepFailsUnexpectedly_marksItUnknownAndNeverRetriesOnItsOwn() {
    ScriptedStep secrets =
        ScriptedStep.destructive("3-1").failing(new IllegalStateException("connection reset"));
    RunbookEngine engine = engine(secrets);

    MigrationRun run = approvedFirst(engine, "3-1");
    String id = run.id();

    assertThat(run.step("3-1").orElseThrow().state()).isEqualTo(StepState.UNKNOWN);
    assertThat(run.detail()).contains("unknown outcome").contains("--retry").contains("--done");
    RunbookResult withoutDecision = engine.resume(id, null, "U_OPS", progress);
    assertThat(withoutDecision).isInstanceOf(RunbookResult.Refused.class);
    assertThat(((RunbookResult.Refused) withoutDecision).message()).contains("Check by hand");
    assertThat(secrets.acts).hasValue(1);
  }

  @Test
  void resume_ofAnUnknownStepMarkedDone_continuesWithTheNextStep() {
    ScriptedStep secrets =
        ScriptedStep.destructive("3-1").failing(new IllegalStateException("connection reset"));
    ScriptedStep restart = ScriptedStep.safe("3-2");
    RunbookEngine engine = engine(secrets, restart);
    String id = approvedFirst(engine, "3-1").id();

    MigrationRun run =
        ((RunbookResult.Accepted) engine.resume(id, "done", "U_OPS", progress)).run();

    assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(run.step("3-1").orElseThrow().detail()).contains("marked done by U_OPS");
    assertThat(secrets.acts).hasValue(1);
    assertThat(restart.acts).hasValue(1);
  }

  @Test
  void advance_whenASafeStepTimesOut_failsIt_andADataChangingOneBecomesUnknown() {
    CountDownLatch never = new CountDownLatch(1);
    ScriptedStep reconfigure = new ScriptedStep("1-2", false, true, Duration.ofMillis(150));
    reconfigure.action = c -> await(never);
    RunbookEngine engine = engine(reconfigure);

    MigrationRun run = engine.advance(created(engine), progress);

    assertThat(run.step("1-2").orElseThrow().state()).isEqualTo(StepState.FAILED);
    assertThat(run.step("1-2").orElseThrow().detail())
        .contains("did not finish within its timeout");

    ScriptedStep upload = new ScriptedStep("2", true, false, Duration.ofMillis(150));
    upload.action = c -> await(never);
    RunbookEngine second = engine(upload);
    engine.abort(run.id(), "U_OPS");
    String id = created(second);
    second.advance(id, progress);
    approvals.grant(approvals.last());
    MigrationRun unknown =
        ((RunbookResult.Accepted) second.approved(id, "2", approvals.last(), progress)).run();

    assertThat(unknown.step("2").orElseThrow().state()).isEqualTo(StepState.UNKNOWN);
    assertThat(unknown.detail()).contains("may still be running on the host");
  }

  @Test
  void recoverStale_afterTheBotDiedMidStep_pausesTheRunWithoutRunningAnything() {
    ScriptedStep safe = ScriptedStep.safe("1-3");
    ScriptedStep move = ScriptedStep.destructive("1-4");
    RunbookEngine engine = engine(safe, move);
    String first = created(engine);
    // A bot process started the step and then vanished (no more heartbeats).
    assertThat(runs.startStep(first, "1-3", clock.instant())).isTrue();
    clock.advance(Duration.ofMinutes(1));

    assertThat(engine.recoverStale(Duration.ofMinutes(3))).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    List<MigrationRun> recovered = engine.recoverStale(Duration.ofMinutes(3));

    assertThat(recovered)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.status()).isEqualTo(RunStatus.PAUSED);
              assertThat(r.step("1-3").orElseThrow().state()).isEqualTo(StepState.PENDING);
              assertThat(r.detail()).contains("restarted during step 1-3");
            });
    assertThat(safe.acts).hasValue(0);

    MigrationRun resumed =
        ((RunbookResult.Accepted) engine.resume(first, null, "U", progress)).run();
    assertThat(safe.acts).hasValue(1);
    assertThat(resumed.status()).isEqualTo(RunStatus.WAITING_APPROVAL);
  }

  @Test
  void recoverStale_ofADataChangingStep_marksItUnknownAndAsksAPerson() {
    ScriptedStep move = ScriptedStep.destructive("1-4");
    RunbookEngine engine = engine(move);
    String id = created(engine);
    engine.advance(id, progress);
    runs.approved(id, "1-4", approvals.last());
    runs.setStatus(id, RunStatus.WAITING_APPROVAL, RunStatus.RUNNING, "", clock.instant());
    runs.startStep(id, "1-4", clock.instant());
    clock.advance(Duration.ofMinutes(10));

    MigrationRun recovered = engine.recoverStale(Duration.ofMinutes(3)).get(0);

    assertThat(recovered.step("1-4").orElseThrow().state()).isEqualTo(StepState.UNKNOWN);
    assertThat(recovered.detail()).contains("Check by hand whether it took effect");
    assertThat(move.acts).hasValue(0);
  }

  @Test
  void heartbeat_whileAStepRuns_keepsItFromBeingRecoveredAsStale() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    ScriptedStep rake = ScriptedStep.safe("1-3");
    rake.action =
        c -> {
          started.countDown();
          await(release);
        };
    RunbookEngine engine = engine(rake);
    String id = created(engine);
    var running = workers.submit(() -> engine.advance(id, progress));
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    clock.advance(Duration.ofMinutes(10));
    Instant advancedTo = clock.instant();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                advancedTo.equals(
                    runs.find(id).orElseThrow().step("1-3").orElseThrow().heartbeatAt()));
    assertThat(engine.recoverStale(Duration.ofMinutes(3))).isEmpty();

    release.countDown();
    assertThat(running.get(5, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.COMPLETED);
  }

  @Test
  void abort_whileAStepRuns_stopsTheRunAfterThatStep() {
    ScriptedStep first = ScriptedStep.safe("1-1");
    ScriptedStep second = ScriptedStep.safe("1-2");
    RunbookEngine engine = engine(first, second);
    String id = created(engine);
    first.action = c -> engine.abort(id, "U_OPS");

    MigrationRun run = engine.advance(id, progress);

    assertThat(run.status()).isEqualTo(RunStatus.ABORTED);
    assertThat(first.acts).hasValue(1);
    assertThat(second.acts).hasValue(0);
  }

  @Test
  void abort_ofAWaitingRun_endsItAtOnce_andANewRunCanStart() {
    RunbookEngine engine = engine(ScriptedStep.destructive("1-4"));
    String id = created(engine);
    engine.advance(id, progress);

    RunbookResult aborted = engine.abort(id, "U_OPS");

    assertThat(((RunbookResult.Accepted) aborted).run().status()).isEqualTo(RunStatus.ABORTED);
    assertThat(engine.create("prod", "U_REQ")).isInstanceOf(RunbookResult.Accepted.class);
  }

  @Test
  void create_whileARunIsUnfinished_isRefused() {
    RunbookEngine engine = engine(ScriptedStep.destructive("1-4"));
    String id = created(engine);
    engine.advance(id, progress);

    RunbookResult second = engine.create("prod", "U_OTHER");

    assertThat(second).isInstanceOf(RunbookResult.Refused.class);
    assertThat(((RunbookResult.Refused) second).message())
        .contains(id)
        .contains("waiting_approval");
  }

  @Test
  void output_ofAStep_goesToTheThreadScrubbed() {
    ScriptedStep rake = ScriptedStep.safe("1-3");
    rake.action =
        c -> {
          for (int i = 0; i < 45; i++) {
            c.output("Migrating upload " + i);
          }
          c.output("token CANARY-secret leaked by a tool");
        };
    RunbookEngine engine = engine(rake);

    engine.advance(created(engine), progress);

    assertThat(progress.details()).hasSize(2);
    assertThat(String.join("\n", progress.details()))
        .contains("Migrating upload 0", "Migrating upload 44", "[REDACTED]")
        .doesNotContain("CANARY-secret");
  }

  @Test
  void record_byAStepThatSucceeds_isSeenByLaterSteps() {
    ScriptedStep backup = ScriptedStep.safe("2");
    ScriptedStep restore = ScriptedStep.safe("3-3");
    backup.action = c -> c.record("1764032407_2026_11_25_17.5.2");
    StringBuilder seen = new StringBuilder();
    restore.action = c -> seen.append(c.recordedBy("2").orElse("nothing"));
    RunbookEngine engine = engine(backup, restore);

    MigrationRun run = engine.advance(created(engine), progress);

    assertThat(seen).hasToString("1764032407_2026_11_25_17.5.2");
    assertThat(run.step("2").orElseThrow().value()).isEqualTo("1764032407_2026_11_25_17.5.2");
  }

  @Test
  void advance_whenAStepCannotTellWhetherItTookEffect_marksItUnknownEvenIfSafeToRepeat() {
    ScriptedStep backup = ScriptedStep.safe("2");
    backup.action =
        c -> {
          throw new StepOutcomeUnknownException("the SSH connection dropped during gitlab-rake");
        };
    RunbookEngine engine = engine(backup);

    MigrationRun run = engine.advance(created(engine), progress);

    assertThat(run.step("2").orElseThrow().state()).isEqualTo(StepState.UNKNOWN);
    assertThat(run.detail()).contains("connection dropped");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
