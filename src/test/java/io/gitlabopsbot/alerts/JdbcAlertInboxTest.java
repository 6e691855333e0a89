package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertEvents.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertInbox.AlertInboxUnavailableException;
import io.gitlabopsbot.alerts.AlertRoutingSettings.MuteRule;
import io.gitlabopsbot.alerts.AlertRoutingSettings.Rule;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcAlertInboxTest {

  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");
  private static final AlertRoutes ROUTES =
      new AlertRoutes(
          new AlertRoutingSettings(
              "C-DEFAULT",
              List.of(
                  new Rule(List.of(Matcher.parse("severity=critical")), "C-CRIT", true),
                  new Rule(List.of(Matcher.parse("namespace=gitlab")), "C-GITLAB", false)),
              List.of(new MuteRule("watchdog", List.of(Matcher.parse("alertname=Watchdog"))))));

  private final MutableClock clock = new MutableClock(T0);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void accept_whenHundredAlertNotification_storesEveryAlertPerChannelAndDedupesResends(
      Supplier<Database> kind) throws Exception {
    var inbox = inbox(open(kind));
    List<AlertEvent> notification = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String severity = i % 10 == 0 ? "critical" : "warning";
      notification.add(
          firing(
              "g1",
              "k" + i,
              Map.of("alertname", "A", "severity", severity, "namespace", "gitlab")));
    }

    assertThat(inbox.accept(notification)).isEqualTo(100);
    assertThat(inbox.accept(notification)).as("a resent notification").isZero();
    List<AlertEvent> half = new ArrayList<>(notification.subList(50, 100));
    half.add(firing("g1", "k-new", Map.of("alertname", "A", "severity", "warning")));
    assertThat(inbox.accept(half)).isEqualTo(1);

    assertThat(inbox.pending(500))
        .as("critical ones go to C-CRIT and, continuing, to C-GITLAB")
        .hasSize(111);
    assertThat(inbox.depth().rows()).isEqualTo(111);
    assertThat(inbox.depth().oldestReceivedAt()).isEqualTo(T0);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void accept_whenSameNotificationTwice_storesItOnce(Supplier<Database> kind) throws Exception {
    var inbox = inbox(open(kind));
    List<AlertEvent> notification = List.of(firing("g1", "k1"), firing("g1", "k2"));

    assertThat(inbox.accept(notification)).isEqualTo(2);
    assertThat(inbox.accept(notification)).isZero();
    assertThat(inbox.accept(List.of(firing("g1", "k2"), firing("g1", "k3")))).isEqualTo(1);

    assertThat(inbox.pending(10))
        .extracting(p -> p.event().dedupeKey())
        .containsExactly("k1", "k2", "k3");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void accept_storesRoutedChannels_andMutedEventsWithoutChannel(Supplier<Database> kind)
      throws Exception {
    Database database = open(kind);
    var inbox = inbox(database);

    int fresh =
        inbox.accept(
            List.of(
                firing("g", "crit", Map.of("severity", "critical", "namespace", "gitlab")),
                firing("g", "dog", Map.of("alertname", "Watchdog", "severity", "critical")),
                firing("g", "plain", Map.of("severity", "info"))));

    assertThat(fresh).isEqualTo(3);
    assertThat(rows(database))
        .containsExactly(
            "crit C-CRIT null FIRING",
            "crit C-GITLAB null FIRING",
            "dog null mutes[0] watchdog FIRING",
            "plain C-DEFAULT null FIRING");
    assertThat(inbox.pending(10))
        .extracting(PendingAlert::channel)
        .containsExactly("C-CRIT", "C-GITLAB", "C-DEFAULT");
    assertThat(
            registry
                .get(AlertMetrics.MUTED)
                .tags("source", "alertmanager", "rule", "watchdog")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void pending_returnsTheStoredEventExactly(Supplier<Database> kind) throws Exception {
    var inbox = inbox(open(kind));
    AlertEvent event = firing("{}:{alertname=\"A\"}", "k1");
    inbox.accept(List.of(event));

    PendingAlert pending = inbox.pending(1).get(0);

    assertThat(pending.event()).isEqualTo(event);
    assertThat(pending.channel()).isEqualTo("C-DEFAULT");
    assertThat(pending.receivedAt()).isEqualTo(T0);
    assertThat(pending.nextAttemptAt()).isEqualTo(T0);
    assertThat(pending.attempts()).isZero();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void pending_whenEarlierRowOfThreadAwaitsRetry_holdsBackLaterRowsOfThatThreadOnly(
      Supplier<Database> kind) throws Exception {
    var inbox = inbox(open(kind));
    inbox.accept(List.of(firing("a", "a1"), firing("b", "b1"), firing("a", "a2")));
    List<PendingAlert> first = inbox.pending(10);
    long a1 = first.get(0).id();

    assertThat(inbox.markAttemptFailed(a1, T0.plusSeconds(30))).isTrue();
    assertThat(inbox.pending(10)).extracting(p -> p.event().dedupeKey()).containsExactly("b1");

    clock.advance(Duration.ofSeconds(30));
    List<PendingAlert> due = inbox.pending(10);
    assertThat(due).extracting(p -> p.event().dedupeKey()).containsExactly("a1", "b1", "a2");
    assertThat(due.get(0).attempts()).isEqualTo(1);

    assertThat(inbox.markDelivered(a1, clock.instant())).isTrue();
    assertThat(inbox.markDelivered(a1, clock.instant())).as("second mark").isFalse();
    assertThat(inbox.pending(1)).extracting(p -> p.event().dedupeKey()).containsExactly("b1");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void accept_whenDatabaseClosed_throwsUnavailable(Supplier<Database> kind) {
    Database database = open(kind);
    var inbox = inbox(database);
    database.close();

    assertThatThrownBy(() -> inbox.accept(List.of(firing("g", "k"))))
        .isInstanceOf(AlertInboxUnavailableException.class)
        .hasMessageContaining("alert_inbox")
        .hasCauseInstanceOf(SQLException.class);
    assertThatThrownBy(() -> inbox.pending(5)).isInstanceOf(AlertInboxUnavailableException.class);
  }

  private Database open(Supplier<Database> kind) {
    Database database = kind.get();
    opened.add(database);
    return database;
  }

  private JdbcAlertInbox inbox(Database database) {
    return new JdbcAlertInbox(database.dataSource(), ROUTES, clock, registry);
  }

  private static List<String> rows(Database database) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT dedupe_key, channel, muted_by, status FROM alert_inbox ORDER BY id")) {
      while (result.next()) {
        rows.add(
            result.getString(1)
                + " "
                + result.getString(2)
                + " "
                + result.getString(3)
                + " "
                + result.getString(4));
      }
    }
    return rows;
  }
}
