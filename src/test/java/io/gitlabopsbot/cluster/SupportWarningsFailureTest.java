package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.cluster.SupportWarningsTest.FakeClusterInfo;
import io.gitlabopsbot.cluster.SupportWarningsTest.RecordingNotifier;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The end-of-support check when the EKS API or Slack fails, and with the fallback calendar. */
class SupportWarningsFailureTest {

  private final MutableClock clock =
      new MutableClock(
          SupportWarningsTest.END.minusDays(100).atTime(9, 0).toInstant(ZoneOffset.UTC));
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final FakeClusterInfo eks = new FakeClusterInfo("STANDARD");
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_whenEksFails_recordsNoWarningAndNoticesOncePerDay(TestDatabases.Kind kind) {
    SupportWarnings warnings = warnings(kind);
    clock.advance(Duration.ofDays(10));
    eks.failure =
        new EksApiException(
            EksApiException.Fault.THROTTLED,
            "eks:DescribeCluster",
            "EKS throttled DescribeCluster for prod after 3 attempts",
            null);

    SupportWarningOutcome first = warnings.check();
    SupportWarningOutcome again = warnings.check();

    assertThat(first).isInstanceOf(SupportWarningOutcome.CheckFailed.class);
    assertThat(((SupportWarningOutcome.CheckFailed) first).noticePosted()).isTrue();
    assertThat(((SupportWarningOutcome.CheckFailed) again).noticePosted()).isFalse();
    assertThat(notifier.texts)
        .containsExactly(
            ":warning: Could not check the end of EKS standard support for cluster `prod`: EKS"
                + " throttled DescribeCluster for prod after 3 attempts. No warning can be sent"
                + " until this is fixed; the check runs again on its next schedule, and"
                + " `/gitlab cluster` shows the details.");

    clock.advance(Duration.ofDays(1));
    warnings.check();
    assertThat(notifier.texts).hasSize(2);

    eks.failure = null;
    assertThat(warnings.check())
        .isEqualTo(new SupportWarningOutcome.Posted(new SupportWarningDue.Threshold(90, 89)));
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_whenVersionsDenied_marksTheFallbackCalendarDate(TestDatabases.Kind kind) {
    SupportWarnings warnings = warnings(kind);
    eks.versionsDenied = true;
    LocalDate end = SupportCalendar.bundled().find("1.30").orElseThrow().endOfStandardSupport();
    clock.advance(
        Duration.between(clock.instant(), end.minusDays(7).atTime(9, 0).toInstant(ZoneOffset.UTC)));

    assertThat(warnings.check()).isInstanceOf(SupportWarningOutcome.Posted.class);
    assertThat(notifier.texts)
        .singleElement()
        .asString()
        .contains(
            "standard support ends "
                + end
                + " (date from the bot's bundled EKS release calendar as of "
                + SupportCalendar.bundled().asOf()
                + ", not from the EKS API) — 7 days left.");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_whenPostFails_triesAgainNextCheck(TestDatabases.Kind kind) {
    SupportWarnings warnings = warnings(kind);
    clock.advance(Duration.ofDays(10));
    notifier.failing = true;

    assertThat(warnings.check()).isInstanceOf(SupportWarningOutcome.PostFailed.class);
    notifier.failing = false;
    assertThat(warnings.check()).isInstanceOf(SupportWarningOutcome.Posted.class);
    assertThat(notifier.texts).hasSize(1);
  }

  private SupportWarnings warnings(TestDatabases.Kind kind) {
    database = kind.get();
    return new SupportWarnings(
        eks,
        SupportCalendar.bundled(),
        new JdbcSupportWarnings(database.dataSource()),
        notifier,
        SupportWarningSettings.defaults(SupportWarningsTest.CHANNEL),
        "prod",
        clock);
  }
}
