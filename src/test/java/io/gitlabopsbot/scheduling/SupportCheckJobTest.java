package io.gitlabopsbot.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.cluster.ClusterInfo;
import io.gitlabopsbot.cluster.ControlPlane;
import io.gitlabopsbot.cluster.JdbcSupportWarnings;
import io.gitlabopsbot.cluster.SupportCalendar;
import io.gitlabopsbot.cluster.SupportWarningSettings;
import io.gitlabopsbot.cluster.SupportWarnings;
import io.gitlabopsbot.cluster.UpgradeInsight;
import io.gitlabopsbot.cluster.VersionSupport;
import io.gitlabopsbot.message.ConsoleNotifier;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.impl.matchers.GroupMatcher;

class SupportCheckJobTest {

  private static final LocalDate END = LocalDate.parse("2026-07-23");
  private static final String EVERY_SECOND = "* * * * * ?";

  private final Database database = TestDatabases.h2();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final AtomicInteger checks = new AtomicInteger();
  private final SupportWarnings warnings =
      new SupportWarnings(
          new CountingClusterInfo(checks),
          SupportCalendar.bundled(),
          new JdbcSupportWarnings(database.dataSource()),
          new ConsoleNotifier(
              new PrintStream(console, true, StandardCharsets.UTF_8), new TextRenderer()),
          SupportWarningSettings.defaults("C0000NOTIF"),
          "prod",
          Clock.fixed(END.minusDays(30).atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
  private final QuartzScheduling quartz =
      QuartzScheduling.on(
          database,
          SchedulerFixture.fast("node-1"),
          new BotJobFactory(java.util.Map.of())
              .with(SupportCheckJob.class, () -> new SupportCheckJob(warnings)));

  @AfterEach
  void close() {
    quartz.close();
    database.close();
  }

  @Test
  void schedule_whenFiringRepeatedly_postsTheThresholdOnce() {
    SupportCheckSchedule schedule = new SupportCheckSchedule(quartz);
    schedule.install(EVERY_SECOND, ZoneOffset.UTC);
    schedule.install(EVERY_SECOND, ZoneOffset.UTC);

    quartz.start();

    await().atMost(Duration.ofSeconds(15)).until(() -> checks.get() >= 2);
    assertThat(console()).containsOnlyOnce("[C0000NOTIF #").contains("30 days left");
  }

  @Test
  void install_whenUnchanged_keepsTheStoredTriggerAndReplacesAChangedOne() throws Exception {
    SupportCheckSchedule schedule = new SupportCheckSchedule(quartz);
    schedule.install(SupportWarningSettings.DEFAULT_CRON, ZoneOffset.UTC);
    CronTrigger first = (CronTrigger) quartz.scheduler().getTrigger(SupportCheckSchedule.TRIGGER);

    schedule.install(SupportWarningSettings.DEFAULT_CRON, ZoneOffset.UTC);
    CronTrigger same = (CronTrigger) quartz.scheduler().getTrigger(SupportCheckSchedule.TRIGGER);
    schedule.install("30 7 * * 1-5", ZoneId.of("Europe/Berlin"));
    CronTrigger changed = (CronTrigger) quartz.scheduler().getTrigger(SupportCheckSchedule.TRIGGER);

    assertThat(first.getCronExpression()).isEqualTo("0 0 9 * * ?");
    assertThat(first.getTimeZone().getID()).isEqualTo("UTC");
    assertThat(same.getStartTime()).isEqualTo(first.getStartTime());
    assertThat(changed.getCronExpression()).isEqualTo("0 30 7 ? * 2,3,4,5,6");
    assertThat(changed.getTimeZone().getID()).isEqualTo("Europe/Berlin");
    assertThat(quartz.scheduler().getTriggerKeys(GroupMatcher.anyTriggerGroup()))
        .containsExactly(SupportCheckSchedule.TRIGGER);
  }

  @Test
  void install_whenCronInvalid_isRefusedWithTheReason() {
    SupportCheckSchedule schedule = new SupportCheckSchedule(quartz);

    assertThatThrownBy(() -> schedule.install("every day", ZoneOffset.UTC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EKS support check schedule is invalid")
        .hasMessageContaining("`every day`");
  }

  private String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  /** A cluster {@code prod} on 1.30 whose standard support ends on END; counts the checks. */
  private record CountingClusterInfo(AtomicInteger calls) implements ClusterInfo {
    @Override
    public ControlPlane controlPlane() {
      calls.incrementAndGet();
      return new ControlPlane("prod", "1.30", "eks.20", "ACTIVE", "EXTENDED");
    }

    @Override
    public List<VersionSupport> versions() {
      return List.of(new VersionSupport("1.30", END, END.plusYears(1)));
    }

    @Override
    public List<UpgradeInsight> upgradeInsights() {
      return List.of();
    }
  }
}
