package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SupportWarningsTest {

  static final LocalDate END = LocalDate.parse("2026-07-23");
  static final String CHANNEL = "C0000NOTIF";

  private final MutableClock clock = new MutableClock(daysBefore(100));
  private final List<Database> databases = new ArrayList<>();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final FakeClusterInfo eks = new FakeClusterInfo("STANDARD");

  @AfterEach
  void close() {
    databases.forEach(Database::close);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_dayByDay_postsEachThresholdOnceThenBilling(TestDatabases.Kind kind) {
    FakeClusterInfo extended = new FakeClusterInfo("EXTENDED");
    SupportWarnings warnings = warnings(open(kind.newSettings()), extended);

    for (int day = 100; day > 90; day--) {
      assertThat(warnings.check()).isEqualTo(new SupportWarningOutcome.NothingDue());
      clock.advance(Duration.ofDays(1));
    }
    assertThat(notifier.texts).isEmpty();
    assertThat(warnings.check())
        .isEqualTo(new SupportWarningOutcome.Posted(new SupportWarningDue.Threshold(90, 90)));
    assertThat(notifier.texts).hasSize(1);
    for (int day = 90; day >= -3; day--) {
      warnings.check();
      warnings.check();
      clock.advance(Duration.ofDays(1));
    }

    assertThat(notifier.texts)
        .hasSize(7)
        .allMatch(text -> text.startsWith(":warning: EKS cluster `prod` (Kubernetes 1.30): "));
    assertThat(notifier.texts.get(2))
        .isEqualTo(
            ":warning: EKS cluster `prod` (Kubernetes 1.30): standard support ends 2026-07-23 — 30"
                + " days left. Upgrade to 1.31 before then; after that date the cluster moves to"
                + " extended support (extra cost).");
    assertThat(notifier.texts.get(5)).contains("— 1 day left.");
    assertThat(notifier.texts.get(6))
        .isEqualTo(
            ":warning: EKS cluster `prod` (Kubernetes 1.30): extended support billing starts"
                + " today: standard support ended 2026-07-23. Upgrade to 1.31 to stop paying for"
                + " extended support.");
    assertThat(notifier.channels).containsOnly(CHANNEL);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_afterSkippedDays_postsOnlyTheLatestThreshold(TestDatabases.Kind kind) {
    SupportWarnings warnings = warnings(open(kind.newSettings()), eks);
    clock.advance(Duration.ofDays(75));

    SupportWarningOutcome first = warnings.check();
    clock.advance(Duration.ofDays(1));
    SupportWarningOutcome next = warnings.check();

    assertThat(first)
        .isEqualTo(new SupportWarningOutcome.Posted(new SupportWarningDue.Threshold(30, 25)));
    assertThat(next)
        .isEqualTo(new SupportWarningOutcome.AlreadySent(new SupportWarningDue.Threshold(30, 24)));
    assertThat(notifier.texts)
        .containsExactly(
            ":warning: EKS cluster `prod` (Kubernetes 1.30): standard support ends 2026-07-23 — 25"
                + " days left. Upgrade to 1.31 before then; after that date EKS upgrades the"
                + " cluster automatically.");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_afterRestart_doesNotRepeatAThreshold(TestDatabases.Kind kind) {
    var settings = kind.newSettings();
    clock.advance(Duration.ofDays(10));
    Database before = open(settings);
    assertThat(warnings(before, eks).check()).isInstanceOf(SupportWarningOutcome.Posted.class);
    before.close();
    databases.remove(before);

    // A new process: new pool, new services, same database.
    SupportWarnings restarted = warnings(open(settings), new FakeClusterInfo("STANDARD"));

    assertThat(restarted.check()).isInstanceOf(SupportWarningOutcome.AlreadySent.class);
    clock.advance(Duration.ofDays(30));
    assertThat(restarted.check())
        .isEqualTo(new SupportWarningOutcome.Posted(new SupportWarningDue.Threshold(60, 60)));
    assertThat(notifier.texts).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void check_byTwoReplicasAtOnce_postsOnce(TestDatabases.Kind kind) throws Exception {
    var settings = kind.newSettings();
    SupportWarnings one = warnings(open(settings), eks);
    SupportWarnings two = warnings(open(settings), eks);
    clock.advance(Duration.ofDays(10));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<SupportWarningOutcome> a = () -> awaitThen(start, one);
      Callable<SupportWarningOutcome> b = () -> awaitThen(start, two);
      Future<SupportWarningOutcome> fa = pool.submit(a);
      Future<SupportWarningOutcome> fb = pool.submit(b);
      start.countDown();
      List<SupportWarningOutcome> outcomes =
          List.of(fa.get(10, TimeUnit.SECONDS), fb.get(10, TimeUnit.SECONDS));

      assertThat(outcomes).filteredOn(o -> o instanceof SupportWarningOutcome.Posted).hasSize(1);
      assertThat(outcomes)
          .filteredOn(o -> o instanceof SupportWarningOutcome.AlreadySent)
          .hasSize(1);
      assertThat(notifier.texts).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static SupportWarningOutcome awaitThen(CountDownLatch start, SupportWarnings w)
      throws InterruptedException {
    start.await(10, TimeUnit.SECONDS);
    return w.check();
  }

  private Database open(io.gitlabopsbot.config.StoreSettings settings) {
    Database database = Database.open(settings);
    databases.add(database);
    return database;
  }

  private SupportWarnings warnings(Database database, ClusterInfo info) {
    return new SupportWarnings(
        info,
        SupportCalendar.bundled(),
        new JdbcSupportWarnings(database.dataSource()),
        notifier,
        SupportWarningSettings.defaults(CHANNEL),
        "prod",
        clock);
  }

  private static java.time.Instant daysBefore(int days) {
    return END.minusDays(days).atTime(9, 0).toInstant(ZoneOffset.UTC);
  }

  /** The EKS API of a cluster {@code prod} on 1.30, whose standard support ends on END. */
  static final class FakeClusterInfo implements ClusterInfo {
    private final String supportType;
    volatile EksApiException failure;
    volatile boolean versionsDenied;

    FakeClusterInfo(String supportType) {
      this.supportType = supportType;
    }

    @Override
    public ControlPlane controlPlane() {
      if (failure != null) {
        throw failure;
      }
      return new ControlPlane("prod", "1.30", "eks.20", "ACTIVE", supportType);
    }

    @Override
    public List<VersionSupport> versions() {
      if (versionsDenied) {
        throw new EksApiException(
            EksApiException.Fault.ACCESS_DENIED,
            "eks:DescribeClusterVersions",
            "access denied",
            null);
      }
      return List.of(
          new VersionSupport("1.31", END.plusMonths(4), END.plusMonths(16)),
          new VersionSupport("1.30", END, END.plusMonths(12)));
    }

    @Override
    public List<UpgradeInsight> upgradeInsights() {
      return List.of();
    }
  }

  /** Records what would be posted to Slack; can be told to fail. */
  static final class RecordingNotifier implements Notifier {
    final List<String> texts = new CopyOnWriteArrayList<>();
    final List<String> channels = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public MessageRef post(String channel, Message message) {
      if (failing) {
        throw new IllegalStateException("Slack answered 503");
      }
      texts.add(message.text());
      channels.add(channel);
      return new MessageRef(channel, Integer.toString(texts.size()));
    }

    @Override
    public void update(MessageRef ref, Message message) {
      throw new UnsupportedOperationException("warnings are never updated");
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
      throw new UnsupportedOperationException("warnings are never threaded");
    }
  }
}
