package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPlannerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private final RetentionPlanner planner = new RetentionPlanner();

  /** Daily backups, newest first: index i is i days old (plus one hour). */
  private static BackupListing daily(int count, BackupObject.Health newestHealth) {
    List<BackupObject> backups = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant created = NOW.minus(Duration.ofDays(i)).minus(Duration.ofHours(1));
      BackupName name =
          new BackupName(
              created.getEpochSecond(),
              LocalDate.ofInstant(created, java.time.ZoneOffset.UTC),
              "17.5.2");
      BackupObject.Health health = i == 0 ? newestHealth : BackupObject.Health.OK;
      backups.add(
          new BackupObject(
              name,
              name.key(),
              health == BackupObject.Health.EMPTY ? 0 : 1024,
              created,
              health,
              1024));
    }
    return new BackupListing("b", backups, List.of(), NOW);
  }

  private static List<Integer> ages(RetentionPlan plan) {
    return plan.deletions().stream().map(b -> (int) b.age(NOW).toDays()).toList();
  }

  @Test
  void plan_keepLast_deletesEverythingOlderThanTheLastN() {
    RetentionPlan plan =
        planner.plan(daily(6, BackupObject.Health.OK), new RetentionSettings(4, null), NOW);

    assertThat(ages(plan)).containsExactly(4, 5);
    assertThat(plan.kept()).hasSize(4);
    assertThat(plan.refused()).isFalse();
  }

  @Test
  void plan_maxAge_deletesBackupsAtLeastThatOld() {
    RetentionPlan plan =
        planner.plan(
            daily(6, BackupObject.Health.OK), new RetentionSettings(null, Duration.ofDays(3)), NOW);

    assertThat(ages(plan)).containsExactly(3, 4, 5);
  }

  @Test
  void plan_bothLimits_deletesOnlyWhatBothAllow() {
    RetentionPlan plan =
        planner.plan(
            daily(6, BackupObject.Health.OK), new RetentionSettings(4, Duration.ofDays(2)), NOW);

    assertThat(ages(plan)).containsExactly(4, 5);
    assertThat(plan.explanation()).startsWith("keep the last 4 and any younger than 2d 0h");
  }

  @Test
  void plan_neverDeletesTheNewestBackup_evenWhenEveryLimitWould() {
    RetentionPlan plan =
        planner.plan(
            daily(3, BackupObject.Health.OK),
            new RetentionSettings(null, Duration.ofMinutes(30)),
            NOW);

    assertThat(ages(plan)).containsExactly(1, 2);
    assertThat(plan.kept()).extracting(b -> (int) b.age(NOW).toDays()).containsExactly(0);
  }

  @Test
  void plan_whenNewestIsFlagged_deletesNothingAndSaysWhy() {
    RetentionPlan plan =
        planner.plan(daily(5, BackupObject.Health.EMPTY), new RetentionSettings(1, null), NOW);

    assertThat(plan.deletions()).isEmpty();
    assertThat(plan.refused()).isTrue();
    assertThat(plan.explanation()).contains("is empty (0 bytes)").contains("nothing is deleted");
  }

  @Test
  void plan_withoutLimits_keepsAll() {
    RetentionPlan plan =
        planner.plan(daily(5, BackupObject.Health.OK), RetentionSettings.KEEP_ALL, NOW);

    assertThat(plan.deletions()).isEmpty();
    assertThat(plan.refused()).isFalse();
    assertThat(plan.explanation()).contains("no retention limits");
  }
}
