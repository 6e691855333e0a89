package io.gitlabopsbot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcReplayGuardTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(Database::close);
  }

  private Database open(StoreSettings settings) {
    Database database = Database.open(settings);
    opened.add(database);
    return database;
  }

  private JdbcReplayGuard guardOn(TestDatabases.Kind kind) {
    return new JdbcReplayGuard(open(kind.newSettings()).dataSource(), clock);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void firstSeen_newKey_isTrue_andRepeatIsFalse(TestDatabases.Kind kind) {
    JdbcReplayGuard guard = guardOn(kind);
    Instant expiry = T0.plus(Duration.ofMinutes(5));

    assertThat(guard.firstSeen("T01:1700000000:abc", expiry)).isTrue();
    assertThat(guard.firstSeen("T01:1700000000:abc", expiry)).isFalse();
    assertThat(guard.firstSeen("T01:1700000000:abd", expiry)).isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void firstSeen_afterExpiry_isTrueAgain_evenBeforeThePurgeRuns(TestDatabases.Kind kind) {
    JdbcReplayGuard guard = guardOn(kind);
    assertThat(guard.firstSeen("k", T0.plusSeconds(10))).isTrue();

    clock.advance(Duration.ofSeconds(30)); // expired, but the next purge is not due yet

    assertThat(guard.firstSeen("k", T0.plusSeconds(300))).isTrue();
    assertThat(guard.firstSeen("k", T0.plusSeconds(300))).isFalse();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void firstSeen_purgesExpiredKeysAtMostOncePerMinute(TestDatabases.Kind kind) throws Exception {
    Database database = open(kind.newSettings());
    JdbcReplayGuard guard = new JdbcReplayGuard(database.dataSource(), clock);
    guard.firstSeen("short-lived", T0.plusSeconds(5));
    guard.firstSeen("long-lived", T0.plusSeconds(3600));

    clock.advance(Duration.ofSeconds(30));
    guard.firstSeen("a", T0.plusSeconds(3600));
    assertThat(keys(database)).contains("short-lived");

    clock.advance(Duration.ofSeconds(31));
    guard.firstSeen("b", T0.plusSeconds(3600));
    assertThat(keys(database)).containsExactlyInAnyOrder("long-lived", "a", "b");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void firstSeen_longKey_isHashedAndStillDistinguished(TestDatabases.Kind kind) throws Exception {
    Database database = open(kind.newSettings());
    JdbcReplayGuard guard = new JdbcReplayGuard(database.dataSource(), clock);
    String prefix = "p".repeat(JdbcReplayGuard.MAX_KEY_LENGTH);
    Instant expiry = T0.plusSeconds(60);

    assertThat(guard.firstSeen(prefix + "-one", expiry)).isTrue();
    assertThat(guard.firstSeen(prefix + "-one", expiry)).isFalse();
    assertThat(guard.firstSeen(prefix + "-two", expiry)).isTrue();
    assertThat(guard.firstSeen(prefix, expiry)).isTrue(); // exactly 128: stored as is

    assertThat(keys(database))
        .contains(prefix)
        .filteredOn(key -> !key.equals(prefix))
        .hasSize(2)
        .allSatisfy(key -> assertThat(key).matches("sha256:[0-9a-f]{64}"));
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void firstSeen_emptyKey_isRejected(TestDatabases.Kind kind) {
    JdbcReplayGuard guard = guardOn(kind);

    assertThatThrownBy(() -> guard.firstSeen("", T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void firstSeen_whenTwoReplicasRace_exactlyOneWinsEachKey(TestDatabases.Kind kind)
      throws Exception {
    StoreSettings shared = kind.newSettings();
    List<JdbcReplayGuard> replicas =
        List.of(
            new JdbcReplayGuard(open(shared).dataSource(), clock),
            new JdbcReplayGuard(open(shared).dataSource(), clock));
    assertThat(raceWinners(replicas, "fresh", T0.plusSeconds(300))).isEqualTo(1);

    // An expired key is taken over by exactly one replica as well.
    clock.advance(Duration.ofSeconds(30));
    replicas.get(0).firstSeen("stale", T0.plusSeconds(31));
    clock.advance(Duration.ofSeconds(2));
    assertThat(raceWinners(replicas, "stale", T0.plusSeconds(300))).isEqualTo(1);
  }

  /**
   * Lets 4 threads per replica call firstSeen with the same key at once; counts the true answers.
   */
  private static int raceWinners(List<JdbcReplayGuard> replicas, String key, Instant expiry)
      throws Exception {
    int threads = replicas.size() * 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        JdbcReplayGuard guard = replicas.get(i % replicas.size());
        answers.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await(5, TimeUnit.SECONDS);
                  return guard.firstSeen(key, expiry);
                }));
      }
      assertThat(ready.await(5, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      int winners = 0;
      for (Future<Boolean> answer : answers) {
        winners += answer.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      return winners;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<String> keys(Database database) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT nonce_key FROM inbound_request_nonce")) {
      List<String> keys = new ArrayList<>();
      while (rows.next()) {
        keys.add(rows.getString(1));
      }
      return keys;
    }
  }
}
