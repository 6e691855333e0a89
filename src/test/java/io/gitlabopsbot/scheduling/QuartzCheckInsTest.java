package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The CLI's way of telling whether a bot serves on its store: real Quartz on both databases. */
class QuartzCheckInsTest {

  private static final String DB = "io.gitlabopsbot.store.TestDatabases#both";

  @ParameterizedTest
  @MethodSource(DB)
  void anyServing_onlyWhileAStartedSchedulerChecksIn(TestDatabases.Kind kind) {
    StoreSettings store = kind.newSettings();
    try (SchedulerFixture bot = new SchedulerFixture(store, SchedulerFixture.fast("node-a"))) {
      QuartzCheckIns now = new QuartzCheckIns(bot.database.dataSource(), Clock.systemUTC());
      QuartzCheckIns muchLater =
          new QuartzCheckIns(
              bot.database.dataSource(), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(5)));

      assertThat(now.anyServing()).as("a scheduler in standby, as a CLI run has").isFalse();

      bot.quartz.start();

      await().atMost(Duration.ofSeconds(10)).until(now::anyServing);
      assertThat(muchLater.anyServing()).as("a check-in minutes old: that bot is gone").isFalse();
    }
  }
}
