package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MisfireTest {

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void start_afterDowntimeOverSeveralFireTimes_firesOnceNotOncePerMissedTime(
      TestDatabases.Kind kind) throws SQLException {
    StoreSettings store = kind.newSettings();
    List<SchedulerFixture.Fire> fires = new CopyOnWriteArrayList<>();
    // Hourly, at the minute half an hour away: its next regular fire is far outside this test.
    int minute = (Instant.now().atZone(ZoneOffset.UTC).getMinute() + 30) % 60;
    String hourly = "0 " + minute + " * * * ?";
    try (SchedulerFixture before =
        new SchedulerFixture(store, SchedulerFixture.fast("before"), fires, Duration.ZERO)) {
      assertThat(before.schedules.set("gitlab", hourly, "UTC", false))
          .isInstanceOf(ScheduleChange.Changed.class);
      // The bot goes down for five hours: five fire times pass unseen. The store then holds
      // exactly what it would after such an outage.
      Instant fiveHoursAgo = Instant.now().minus(Duration.ofHours(5));
      setNextFireTime(before, fiveHoursAgo);
    }

    try (SchedulerFixture after =
        new SchedulerFixture(store, SchedulerFixture.fast("after"), fires, Duration.ZERO)) {
      Instant started = Instant.now();
      after.quartz.start();

      await().atMost(Duration.ofSeconds(20)).until(() -> fires.size() >= 1);
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(5))
          .until(() -> fires.size() == 1);
      // Fired as a late run now, not as a replay of a time five hours ago.
      assertThat(fires.get(0).scheduledAt()).isAfter(started.minusSeconds(1));
      assertThat(after.schedules.show("gitlab").orElseThrow().lastFire())
          .hasValueSatisfying(fire -> assertThat(fire.outcome()).isEqualTo(FireOutcome.STARTED));
    }
  }

  private static void setNextFireTime(SchedulerFixture node, Instant next) throws SQLException {
    try (Connection connection = node.database.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE qrtz_triggers SET next_fire_time = ? WHERE trigger_group = ?")) {
      update.setLong(1, next.toEpochMilli());
      update.setString(2, JobData.SCHEDULES);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }
}
