package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.alerts.AlertThreads.AlertThread;
import io.gitlabopsbot.alerts.AlertThreads.ParentKind;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Alert threads found by their buttons' ID, acknowledged once, listed, on H2 and PostgreSQL. */
class JdbcAlertGroupsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");
  private static final String ID = "abcdefghijklmnopqrstuvwxyz012345";

  private final List<Database> opened = new ArrayList<>();

  @AfterEach
  void closeDatabases() {
    opened.forEach(Database::close);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void find_returnsTheThreadAndItsParentEvent_withGroupLabels(Supplier<Database> kind) {
    Database database = open(kind);
    AlertEvent event = event();
    new JdbcAlertThreads(database.dataSource()).opened(thread("g", ID), event);

    AlertGroups.Thread found = new JdbcAlertGroups(database.dataSource()).find(ID).orElseThrow();

    assertThat(found.open()).isTrue();
    assertThat(found.parent()).isEqualTo(new MessageRef("C1", "1.0001"));
    assertThat(found.parentEvent()).isEqualTo(event);
    assertThat(found.parentEvent().groupLabels()).containsEntry("alertname", "GitlabDown");
    assertThat(found.acknowledgement()).isNull();
    assertThat(new JdbcAlertGroups(database.dataSource()).find("x".repeat(32))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void acknowledge_isRecordedOnce_andSeenByTheNextDeliveryLookup(Supplier<Database> kind) {
    Database database = open(kind);
    var threads = new JdbcAlertThreads(database.dataSource());
    threads.opened(thread("g", ID), event());
    var groups = new JdbcAlertGroups(database.dataSource());
    Acknowledgement first = new Acknowledgement("U0000VIEW", "viv", T0.plusSeconds(60));

    assertThat(groups.acknowledge(ID, first)).isTrue();
    assertThat(groups.acknowledge(ID, new Acknowledgement("U0000OPER", "op", T0.plusSeconds(61))))
        .as("second click")
        .isFalse();

    assertThat(groups.find(ID).orElseThrow().acknowledgement()).isEqualTo(first);
    assertThat(threads.open("g", "C1").orElseThrow().acknowledgement()).isEqualTo(first);
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void acknowledge_ofAResolvedThread_isRefused_andFiringListsOnlyOpenOnes(Supplier<Database> kind) {
    Database database = open(kind);
    var threads = new JdbcAlertThreads(database.dataSource());
    threads.opened(thread("resolved", ID), event());
    threads.opened(thread("open", "B".repeat(32)), event());
    threads.resolved("resolved", "C1", T0.plusSeconds(30));
    var groups = new JdbcAlertGroups(database.dataSource());

    assertThat(groups.acknowledge(ID, new Acknowledgement("U1", "u", T0))).isFalse();
    assertThat(groups.find(ID).orElseThrow().open()).isFalse();
    AlertGroups.Firing firing = groups.firing(10);
    assertThat(firing.total()).isEqualTo(1);
    assertThat(firing.newest()).extracting(AlertGroups.Thread::threadKey).containsExactly("open");
  }

  private static AlertThread thread(String key, String actionId) {
    return new AlertThread(
        key, "C1", new MessageRef("C1", "1.0001"), ParentKind.SINGLE, T0, actionId, null);
  }

  private static AlertEvent event() {
    return new AlertEvent(
        AlertmanagerEvents.SOURCE,
        "g",
        AlertEvent.Status.FIRING,
        "critical",
        "GitlabDown",
        "GitLab is down",
        "",
        Map.of("alertname", "GitlabDown", "namespace", "gitlab"),
        List.of(),
        T0,
        null,
        "d1",
        Map.of("alertname", "GitlabDown"));
  }

  private Database open(Supplier<Database> kind) {
    Database database = kind.get();
    opened.add(database);
    return database;
  }
}
