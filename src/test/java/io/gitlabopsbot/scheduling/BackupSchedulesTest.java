package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.scheduling.ScheduleChange.Action;
import io.gitlabopsbot.scheduling.ScheduleView.State;
import io.gitlabopsbot.store.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BackupSchedulesTest {

  private static final String DB = "io.gitlabopsbot.store.TestDatabases#both";

  @ParameterizedTest
  @MethodSource(DB)
  void set_survivesSchedulerRestart(TestDatabases.Kind kind) {
    StoreSettings store = kind.newSettings();
    try (SchedulerFixture first = new SchedulerFixture(store, SchedulerFixture.fast("node-a"))) {
      first.quartz.start();
      ScheduleChange change = first.schedules.set("gitlab", "0 2 * * *", "Europe/Berlin", false);
      assertThat(change).isInstanceOf(ScheduleChange.Changed.class);
    }

    try (SchedulerFixture second = new SchedulerFixture(store, SchedulerFixture.fast("node-b"))) {
      ScheduleView view = second.schedules.show("gitlab").orElseThrow();

      assertThat(view.cron()).isEqualTo("0 2 * * *");
      assertThat(view.quartz()).isEqualTo("0 0 2 * * ?");
      assertThat(view.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
      assertThat(view.state()).isEqualTo(State.ACTIVE);
      assertThat(view.nextFires())
          .hasSize(3)
          .allSatisfy(fire -> assertThat(fire.getHour()).isEqualTo(2))
          .allSatisfy(fire -> assertThat(fire.getZone()).isEqualTo(ZoneId.of("Europe/Berlin")));
      assertThat(view.lastFire()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource(DB)
  void set_whenCronMalformed_isRejectedAndNothingStored(TestDatabases.Kind kind)
      throws SQLException {
    try (SchedulerFixture node =
        new SchedulerFixture(kind.newSettings(), SchedulerFixture.fast("n"))) {
      ScheduleChange change = node.schedules.set("gitlab", "0 25 * *", null, false);

      assertThat(change).isInstanceOf(ScheduleChange.Rejected.class);
      assertThat(((ScheduleChange.Rejected) change).problem())
          .contains("`0 25 * *`")
          .contains("Example");
      assertThat(node.schedules.show("gitlab")).isEmpty();
      assertThat(triggerRows(node)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource(DB)
  void set_whenZoneUnknown_isRejectedAndNothingStored(TestDatabases.Kind kind) throws SQLException {
    try (SchedulerFixture node =
        new SchedulerFixture(kind.newSettings(), SchedulerFixture.fast("n"))) {
      ScheduleChange change = node.schedules.set("gitlab", "0 2 * * *", "Mars/Olympus", false);

      assertThat(change)
          .isEqualTo(
              new ScheduleChange.Rejected(
                  "unknown time zone `Mars/Olympus`: use a name from the IANA time zone"
                      + " database, e.g. `Europe/Berlin` or `UTC`"));
      assertThat(triggerRows(node)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource(DB)
  void set_whenMoreOftenThanMinimum_isRejected(TestDatabases.Kind kind) throws SQLException {
    try (SchedulerFixture node =
        new SchedulerFixture(
            kind.newSettings(),
            SchedulerFixture.fast("n"),
            new CopyOnWriteArrayList<>(),
            Duration.ofHours(1))) {
      ScheduleChange change = node.schedules.set("gitlab", "* 2 * * *", null, false);

      assertThat(change).isInstanceOf(ScheduleChange.Rejected.class);
      assertThat(((ScheduleChange.Rejected) change).problem())
          .contains("would start a backup every 1 min")
          .contains("at most every 1 h");
      assertThat(triggerRows(node)).isZero();
      assertThat(node.schedules.set("gitlab", "0 * * * *", null, false))
          .isInstanceOf(ScheduleChange.Changed.class);
    }
  }

  @ParameterizedTest
  @MethodSource(DB)
  void set_whenDryRun_storesNothing(TestDatabases.Kind kind) throws SQLException {
    try (SchedulerFixture node =
        new SchedulerFixture(kind.newSettings(), SchedulerFixture.fast("n"))) {
      ScheduleChange change = node.schedules.set("gitlab", "0 2 * * *", "UTC", true);

      assertThat(change).isInstanceOf(ScheduleChange.Changed.class);
      assertThat(((ScheduleChange.Changed) change).dryRun()).isTrue();
      assertThat(triggerRows(node)).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource(DB)
  void pauseAndResume_persistAcrossRestart(TestDatabases.Kind kind) {
    StoreSettings store = kind.newSettings();
    try (SchedulerFixture first = new SchedulerFixture(store, SchedulerFixture.fast("a"))) {
      assertThat(first.schedules.pause("gitlab", false))
          .isEqualTo(new ScheduleChange.NoSchedule("gitlab"));
      first.schedules.set("gitlab", "0 2 * * *", null, false);

      ScheduleChange paused = first.schedules.pause("gitlab", false);

      assertThat(paused).isInstanceOf(ScheduleChange.Changed.class);
      assertThat(((ScheduleChange.Changed) paused).action()).isEqualTo(Action.PAUSED);
      assertThat(first.schedules.pause("gitlab", false))
          .isInstanceOf(ScheduleChange.Unchanged.class);
    }
    try (SchedulerFixture second = new SchedulerFixture(store, SchedulerFixture.fast("b"))) {
      assertThat(second.schedules.show("gitlab").orElseThrow().state()).isEqualTo(State.PAUSED);
      assertThat(second.schedules.resume("gitlab", true))
          .isInstanceOf(ScheduleChange.Changed.class);
      assertThat(second.schedules.show("gitlab").orElseThrow().state()).isEqualTo(State.PAUSED);

      ScheduleChange resumed = second.schedules.resume("gitlab", false);

      assertThat(((ScheduleChange.Changed) resumed).action()).isEqualTo(Action.RESUMED);
      ScheduleView view = second.schedules.show("gitlab").orElseThrow();
      assertThat(view.state()).isEqualTo(State.ACTIVE);
      assertThat(view.cron()).isEqualTo("0 2 * * *");
      assertThat(second.schedules.resume("gitlab", false))
          .isInstanceOf(ScheduleChange.Unchanged.class);
    }
  }

  static int triggerRows(SchedulerFixture node) throws SQLException {
    try (Connection connection = node.database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM qrtz_triggers")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
