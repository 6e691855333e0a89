package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcMigrationRunsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void steps_changeStateOnlyFromTheStateTheyAreIn(TestDatabases.Kind kind) {
    try (Database database = kind.get()) {
      JdbcMigrationRuns runs = new JdbcMigrationRuns(database.dataSource());
      MigrationRun run = runs.create("r1", "prod", "U1", List.of("1-1", "1-2"), T0);

      assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(run.steps()).extracting(StepRecord::stepId).containsExactly("1-1", "1-2");
      assertThat(runs.startStep("r1", "1-1", T0)).isTrue();
      assertThat(runs.startStep("r1", "1-1", T0)).as("a second process").isFalse();
      assertThat(runs.finishStep("r1", "1-1", StepState.FAILED, "boom", T0)).isTrue();
      assertThat(runs.finishStep("r1", "1-1", StepState.SUCCEEDED, "", T0)).isFalse();
      assertThat(runs.startStep("r1", "1-1", T0.plusSeconds(5))).as("a retry").isTrue();

      StepRecord retried = runs.find("r1").orElseThrow().step("1-1").orElseThrow();
      assertThat(retried.attempts()).isEqualTo(2);
      assertThat(retried.state()).isEqualTo(StepState.RUNNING);
      assertThat(retried.startedAt()).isEqualTo(T0.plusSeconds(5));
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void startStep_whenTheRunIsNotRunning_isRefused(TestDatabases.Kind kind) {
    try (Database database = kind.get()) {
      JdbcMigrationRuns runs = new JdbcMigrationRuns(database.dataSource());
      runs.create("r2", "prod", "U1", List.of("1-4"), T0);

      assertThat(runs.setStatus("r2", RunStatus.RUNNING, RunStatus.PAUSED, "why", T0)).isTrue();
      assertThat(runs.setStatus("r2", RunStatus.RUNNING, RunStatus.ABORTED, "", T0)).isFalse();

      assertThat(runs.startStep("r2", "1-4", T0)).isFalse();
      assertThat(runs.find("r2").orElseThrow().detail()).isEqualTo("why");
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void approval_isGrantedOnlyForTheIdAskedAndOnlyOnce(TestDatabases.Kind kind) {
    try (Database database = kind.get()) {
      JdbcMigrationRuns runs = new JdbcMigrationRuns(database.dataSource());
      runs.create("r3", "prod", "U1", List.of("3-1"), T0);
      runs.askedApproval("r3", "3-1", "A1");

      assertThat(runs.approved("r3", "3-1", "A2")).isFalse();
      assertThat(runs.approved("r3", "3-1", "A1")).isTrue();
      assertThat(runs.approved("r3", "3-1", "A1")).isFalse();

      runs.startStep("r3", "3-1", T0);
      runs.finishStep("r3", "3-1", StepState.FAILED, "x", T0);
      assertThat(runs.find("r3").orElseThrow().step("3-1").orElseThrow().approved())
          .as("an approval covers one attempt")
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void unfinishedAndStale_findTheRightRuns(TestDatabases.Kind kind) {
    try (Database database = kind.get()) {
      JdbcMigrationRuns runs = new JdbcMigrationRuns(database.dataSource());
      runs.create("old", "prod", "U1", List.of("1-1"), T0);
      runs.setStatus("old", RunStatus.RUNNING, RunStatus.ABORTED, "", T0);
      runs.create("new", "prod", "U1", List.of("1-1"), T0.plusSeconds(60));
      runs.startStep("new", "1-1", T0.plusSeconds(60));

      assertThat(runs.unfinished("prod").orElseThrow().id()).isEqualTo("new");
      assertThat(runs.unfinished("staging")).isEmpty();
      assertThat(runs.staleRunningSteps(T0.plusSeconds(61)))
          .containsExactly(new MigrationRuns.StaleStep("new", "1-1", T0.plusSeconds(60)));
      runs.heartbeat("new", "1-1", T0.plusSeconds(120));
      assertThat(runs.staleRunningSteps(T0.plusSeconds(61))).isEmpty();
    }
  }
}
