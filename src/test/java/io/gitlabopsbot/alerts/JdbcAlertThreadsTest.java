package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertThreads.AlertThread;
import io.gitlabopsbot.alerts.AlertThreads.ParentKind;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcAlertThreadsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");
  private static final String LONG_KEY =
      "{}/{severity=\"critical\"}:{alertname=\"" + "x".repeat(5000) + "\"}";

  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void opened_thenOpen_returnsTheParentPerChannel(Supplier<Database> kind) {
    var threads = new JdbcAlertThreads(open(kind).dataSource());
    AlertThread thread = thread(LONG_KEY, "C1", "1.0001", ParentKind.SINGLE);

    threads.opened(thread);

    assertThat(threads.open(LONG_KEY, "C1")).contains(thread);
    assertThat(threads.open(LONG_KEY, "C2")).isEmpty();
    assertThat(threads.open("other", "C1")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void resolved_closesTheThread_andANewFiringOpensANewOne(Supplier<Database> kind) {
    var threads = new JdbcAlertThreads(open(kind).dataSource());
    threads.opened(thread("g", "C1", "1.0001", ParentKind.SINGLE));

    assertThat(threads.resolved("g", "C1", T0.plusSeconds(60))).isTrue();
    assertThat(threads.resolved("g", "C1", T0.plusSeconds(61))).as("already closed").isFalse();
    assertThat(threads.open("g", "C1")).isEmpty();

    AlertThread again = thread("g", "C1", "2.0002", ParentKind.BATCH);
    threads.opened(again);
    assertThat(threads.open("g", "C1")).contains(again);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void opened_whenAlreadyOpen_newestParentWins(Supplier<Database> kind) {
    var threads = new JdbcAlertThreads(open(kind).dataSource());
    threads.opened(thread("g", "C1", "1.0001", ParentKind.BATCH));
    AlertThread newer = thread("g", "C1", "3.0003", ParentKind.SINGLE);

    threads.opened(newer);

    assertThat(threads.open("g", "C1")).contains(newer);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void open_survivesANewInstanceOnTheSameDatabase(Supplier<Database> kind) {
    Database database = open(kind);
    AlertThread thread = thread("g", "C1", "1.0001", ParentKind.SINGLE);
    new JdbcAlertThreads(database.dataSource()).opened(thread);

    assertThat(new JdbcAlertThreads(database.dataSource()).open("g", "C1")).contains(thread);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void open_whenDatabaseClosed_throwsStoreExceptionNamingTheTable(Supplier<Database> kind) {
    Database database = open(kind);
    var threads = new JdbcAlertThreads(database.dataSource());
    database.close();

    assertThatThrownBy(() -> threads.open("g", "C1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("alert_threads")
        .hasCauseInstanceOf(java.sql.SQLException.class);
  }

  private static AlertThread thread(String key, String channel, String ts, ParentKind kind) {
    return new AlertThread(key, channel, new MessageRef(channel, ts), kind, T0);
  }

  private Database open(Supplier<Database> kind) {
    Database database = kind.get();
    opened.add(database);
    return database;
  }
}
