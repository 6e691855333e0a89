package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertEvents.firing;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.StoreSettings;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two bot replicas receiving the same notification at once, as an HA Alertmanager pair does. */
class JdbcAlertInboxRaceTest {

  private static final int ROUNDS = 25;
  private static final int EVENTS = 4;

  private final ExecutorService replicas = Executors.newFixedThreadPool(2);
  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void stop() {
    replicas.shutdownNow();
    opened.forEach(Database::close);
  }

  @Test
  void accept_whenTwoReplicasInsertSameNotificationConcurrently_exactlyOneSetIsStored()
      throws Exception {
    StoreSettings settings = TestDatabases.Kind.POSTGRESQL.newSettings();
    Database first = open(settings);
    Database second = open(settings);
    AlertRoutes routes = new AlertRoutes(new AlertRoutingSettings("C-DEFAULT", null, null));
    var inboxA =
        new JdbcAlertInbox(
            first.dataSource(), routes, Clock.systemUTC(), new SimpleMeterRegistry());
    var inboxB =
        new JdbcAlertInbox(
            second.dataSource(), routes, Clock.systemUTC(), new SimpleMeterRegistry());
    CyclicBarrier start = new CyclicBarrier(2);

    for (int round = 0; round < ROUNDS; round++) {
      List<AlertEvent> notification = new ArrayList<>();
      for (int i = 0; i < EVENTS; i++) {
        notification.add(firing("group-" + round, "r" + round + "-e" + i));
      }
      Future<Integer> a =
          replicas.submit(() -> awaitThen(start, () -> inboxA.accept(notification)));
      Future<Integer> b =
          replicas.submit(() -> awaitThen(start, () -> inboxB.accept(notification)));

      int newA = a.get(10, TimeUnit.SECONDS);
      int newB = b.get(10, TimeUnit.SECONDS);
      assertThat(newA + newB)
          .as("round %d: new events reported by both replicas", round)
          .isEqualTo(EVENTS);
      assertThat(List.of(newA, newB))
          .as("round %d: one replica stored the whole set", round)
          .contains(0);
    }
    assertThat(count(first, "SELECT COUNT(*) FROM alert_inbox")).isEqualTo(ROUNDS * EVENTS);
    assertThat(count(first, "SELECT COUNT(DISTINCT dedupe_key) FROM alert_inbox"))
        .isEqualTo(ROUNDS * EVENTS);
  }

  private static int awaitThen(CyclicBarrier barrier, java.util.concurrent.Callable<Integer> work)
      throws Exception {
    barrier.await(10, TimeUnit.SECONDS);
    return work.call();
  }

  private Database open(StoreSettings settings) {
    Database database = Database.open(settings);
    opened.add(database);
    return database;
  }

  private static long count(Database database, String sql) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }
}
