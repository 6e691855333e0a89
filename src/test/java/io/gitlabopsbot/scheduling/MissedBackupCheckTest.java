package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MissedBackupCheckTest {

  private static final Instant FIRED = Instant.parse("2026-11-25T01:00:00Z");
  private static final Instant DEADLINE = FIRED.plus(Duration.ofHours(3));

  private final Database database = TestDatabases.h2();
  private final MutableClock clock = new MutableClock(FIRED);
  private final JdbcFireHistory history = new JdbcFireHistory(database.dataSource(), clock);
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final ScheduleNotices notices =
      new ScheduleNotices(
          new ConsoleNotifier(
              new PrintStream(console, true, StandardCharsets.UTF_8), new TextRenderer()),
          "C0000NOTIF");
  private final List<Instant> asked = new ArrayList<>();

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void run_whenNoBackupSinceFire_postsMissedBackupToTheChannel() {
    long fire = history.recordFire("gitlab", "backup-gitlab", "0 2 * * *", FIRED, FIRED);
    MissedBackupCheck check = check(false);

    FireOutcome outcome = check.run(armed(fire));

    assertThat(outcome).isEqualTo(FireOutcome.MISSED);
    assertThat(asked).containsExactly(FIRED);
    assertThat(console())
        .contains("[C0000NOTIF #1]")
        .contains(
            "missed backup: the `0 2 * * *` schedule for gitlab fired at 2026-11-25 02:00 CET"
                + " but no backup appeared by 2026-11-25 05:00 CET");
    assertThat(history.latest("gitlab").orElseThrow().outcome()).isEqualTo(FireOutcome.MISSED);
  }

  @Test
  void run_whenBackupAppeared_staysSilent() {
    long fire = history.recordFire("gitlab", "backup-gitlab", "0 2 * * *", FIRED, FIRED);

    FireOutcome outcome = check(true).run(armed(fire));

    assertThat(outcome).isEqualTo(FireOutcome.BACKUP_SEEN);
    assertThat(console()).isEmpty();
    assertThat(history.latest("gitlab").orElseThrow().outcome()).isEqualTo(FireOutcome.BACKUP_SEEN);
  }

  @Test
  void run_whenStoreUnreachable_saysSoInsteadOfStayingSilent() {
    long fire = history.recordFire("gitlab", "backup-gitlab", "0 2 * * *", FIRED, FIRED);
    BackupEvidence unreachable =
        (target, since) -> {
          throw new IllegalStateException(
              "S3 bucket gitlab-backups unreachable: connect timed out");
        };

    FireOutcome outcome = new MissedBackupCheck(unreachable, history, notices).run(armed(fire));

    assertThat(outcome).isEqualTo(FireOutcome.UNVERIFIED);
    assertThat(console())
        .contains("could not check the backup of gitlab")
        .contains("S3 bucket gitlab-backups unreachable: connect timed out");
    assertThat(history.latest("gitlab").orElseThrow().detail())
        .isEqualTo("S3 bucket gitlab-backups unreachable: connect timed out");
  }

  @Test
  void scheduledFire_whenDeadlinePassesWithoutBackup_postsThroughTheScheduler() {
    SchedulingSettings settings =
        new SchedulingSettings(
            "solo",
            3,
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ZERO,
            Duration.ofSeconds(10));
    try (SchedulerFixture node =
        new SchedulerFixture(
            TestDatabases.h2Settings(), settings, new CopyOnWriteArrayList<>(), Duration.ZERO)) {
      node.quartz.start();
      node.schedules.set("gitlab", "* * * * * ?", "UTC", false);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.console().contains("missed backup: the `* * * * * ?` schedule"));
      node.evidence.set(true);
      node.schedules.pause("gitlab", false);
      assertThat(node.fires).isNotEmpty();
    }
  }

  @Test
  void scheduledFire_whenBackupCannotStart_postsWhyAndRecordsIt() {
    try (SchedulerFixture node =
        new SchedulerFixture(TestDatabases.h2Settings(), SchedulerFixture.fast("solo"))) {
      node.triggerFailure.set(
          new IllegalStateException("a backup of gitlab is already running (job backup-1234)"));
      node.quartz.start();
      node.schedules.set("gitlab", "* * * * * ?", "UTC", false);

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> node.console().contains("but the backup did not start"));
      node.schedules.pause("gitlab", false);
      assertThat(node.console())
          .contains("a backup of gitlab is already running (job backup-1234)");
      assertThat(node.history.latest("gitlab").orElseThrow())
          .satisfies(
              fire -> {
                assertThat(fire.outcome()).isIn(FireOutcome.NOT_STARTED, FireOutcome.FIRED);
                assertThat(fire.scheduleId()).isEqualTo("backup-gitlab");
              });
    }
  }

  private MissedBackupCheck check(boolean backupExists) {
    BackupEvidence evidence =
        (target, since) -> {
          asked.add(since);
          return backupExists;
        };
    return new MissedBackupCheck(evidence, history, notices);
  }

  private static MissedBackupCheck.Armed armed(long fire) {
    return new MissedBackupCheck.Armed(
        fire, "gitlab", "0 2 * * *", ZoneId.of("Europe/Berlin"), FIRED, DEADLINE);
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
