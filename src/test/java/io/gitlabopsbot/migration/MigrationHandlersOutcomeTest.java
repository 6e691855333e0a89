package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.command.CommandResult;
import io.gitlabopsbot.command.CommandSpec;
import io.gitlabopsbot.command.Invocation;
import io.gitlabopsbot.command.ParseResult;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The migrate commands report refusals and failures as such, so audit and exit codes are true. */
class MigrationHandlersOutcomeTest {

  private static final TargetSettings TARGET =
      new TargetSettings("prod", "gitlab", "gitlab", "app=toolbox", "gitlab-backups", "r");

  private final Database database = TestDatabases.h2();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final ScriptedStep step = ScriptedStep.safe("2");
  private final RecordingProgress progress = new RecordingProgress();
  private final MigrationService service =
      new MigrationService(
          "prod",
          new JdbcMigrationRuns(database.dataSource()),
          runId -> List.of(step),
          new RecordingApprovals(),
          workers,
          new MutableClock(Instant.parse("2026-11-25T10:00:00Z")),
          line -> line);

  @AfterEach
  void close() {
    workers.shutdownNow();
    database.close();
  }

  @Test
  void abortAndResume_withoutARun_areRefused() {
    CommandResult abort = new MigrateAbortHandler(service).handle(invocation(), progress);
    CommandResult resume =
        new MigrateResumeHandler(service, ServingBots.NONE)
            .handle(invocation(MigrateResumeHandler.SPEC), progress);

    assertThat(abort).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) abort).reason()).contains("is unfinished");
    assertThat(resume).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) resume).reason()).contains("is paused or waiting");
  }

  @Test
  void resume_withRetryAndDone_isRefused() {
    CommandResult result =
        new MigrateResumeHandler(service, ServingBots.NONE)
            .handle(
                invocation(MigrateResumeHandler.SPEC, Map.of("retry", "true", "done", "true")),
                progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(result.message().text()).isEqualTo("Give either --retry or --done, not both.");
  }

  @Test
  void resume_whenTheRunPausesAgain_fails_andSucceedsOnceTheStepCanRun() {
    step.precheck = new StepProcedure.Precheck.Blocked("only 1 GiB free in /var/opt/gitlab.");
    String id = ((RunbookResult.Accepted) service.create("U_REQ")).run().id();
    service.advance(id, progress);
    MigrateResumeHandler handler = new MigrateResumeHandler(service, ServingBots.NONE);

    CommandResult again = handler.handle(invocation(MigrateResumeHandler.SPEC), progress);

    assertThat(again).isInstanceOf(CommandResult.Failed.class);
    assertThat(again.message().text()).contains("is now paused");
    assertThat(((CommandResult.Failed) again).reason())
        .startsWith("migration run " + id + " paused: ")
        .contains("only 1 GiB free");

    step.precheck = new StepProcedure.Precheck.Ready();
    CommandResult done = handler.handle(invocation(MigrateResumeHandler.SPEC), progress);

    assertThat(done).isInstanceOf(CommandResult.Succeeded.class);
    assertThat(done.message().text()).contains("is now completed");
  }

  @Test
  void resume_fromTheCliWhileABotServes_handsTheRunOver_andRunsNothingHere() {
    String id = pausedRun();
    MigrateResumeHandler handler = new MigrateResumeHandler(service, () -> true);

    CommandResult fromCli =
        handler.handle(invocation(MigrateResumeHandler.SPEC, Map.of(), Caller.CLI), progress);

    assertThat(fromCli).isInstanceOf(CommandResult.Succeeded.class);
    assertThat(fromCli.message().text()).contains("`" + id + "`", "handed to the serving bot");
    assertThat(service.find(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    assertThat(step.acts).hasValue(0);
  }

  @Test
  void resume_fromSlackWhileABotServes_runsInTheBotAsBefore() {
    String id = pausedRun();
    MigrateResumeHandler handler = new MigrateResumeHandler(service, () -> true);

    CommandResult fromSlack =
        handler.handle(invocation(MigrateResumeHandler.SPEC, Map.of(), Caller.SLACK), progress);

    assertThat(fromSlack.message().text()).contains("`" + id + "` is now completed");
    assertThat(step.acts).hasValue(1);
  }

  /** A run paused by a blocked precheck that would now pass. */
  private String pausedRun() {
    step.precheck = new StepProcedure.Precheck.Blocked("not yet");
    String id = ((RunbookResult.Accepted) service.create("U_REQ")).run().id();
    service.advance(id, progress);
    step.precheck = new StepProcedure.Precheck.Ready();
    return id;
  }

  @Test
  void start_whileARunIsOpen_isRefusedWithoutCheckingPrerequisites() {
    step.precheck = new StepProcedure.Precheck.Blocked("not yet");
    String id = ((RunbookResult.Accepted) service.create("U_REQ")).run().id();
    service.advance(id, progress);
    MigrateStartHandler handler =
        new MigrateStartHandler(
            service,
            () -> {
              throw new AssertionError("prerequisites must not be checked");
            },
            (invocation, plan) -> {
              throw new AssertionError("no approval must be requested");
            });

    CommandResult result = handler.handle(invocation(MigrateStartHandler.SPEC), progress);

    assertThat(result).isInstanceOf(CommandResult.Refused.class);
    assertThat(((CommandResult.Refused) result).reason())
        .contains("`" + id + "` is paused")
        .contains("`migrate resume` or `migrate abort` it first");
  }

  @Test
  void abortAndStatus_ofAnOpenRun_succeed() {
    step.precheck = new StepProcedure.Precheck.Blocked("not yet");
    String id = ((RunbookResult.Accepted) service.create("U_REQ")).run().id();
    service.advance(id, progress);

    CommandResult status =
        new MigrateStatusHandler(service).handle(invocation(MigrateStatusHandler.SPEC), progress);
    CommandResult abort = new MigrateAbortHandler(service).handle(invocation(), progress);

    assertThat(status).isInstanceOf(CommandResult.Succeeded.class);
    assertThat(abort).isInstanceOf(CommandResult.Succeeded.class);
    assertThat(abort.message().text()).contains("`" + id + "` aborted");
  }

  private static Invocation invocation() {
    return invocation(MigrateAbortHandler.SPEC);
  }

  private static Invocation invocation(CommandSpec spec) {
    return invocation(spec, Map.of());
  }

  private static Invocation invocation(CommandSpec spec, Map<String, String> flags) {
    return invocation(spec, flags, Caller.SLACK);
  }

  private static Invocation invocation(CommandSpec spec, Map<String, String> flags, String source) {
    return new Invocation(
        new ParseResult.Parsed(spec, List.of(), flags),
        new Caller(source, "T1", "C1", "U_OPS", "ops"),
        "corr-1",
        TARGET,
        false);
  }
}
