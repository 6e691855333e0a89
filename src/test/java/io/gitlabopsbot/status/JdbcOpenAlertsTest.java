package io.gitlabopsbot.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertThreads.AlertThread;
import io.gitlabopsbot.alerts.AlertThreads.ParentKind;
import io.gitlabopsbot.alerts.JdbcAlertThreads;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.StoreException;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JdbcOpenAlertsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");

  private final Database database = TestDatabases.h2();
  private final JdbcAlertThreads threads = new JdbcAlertThreads(database.dataSource());
  private final JdbcOpenAlerts openAlerts = new JdbcOpenAlerts(database.dataSource());

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void count_whenNoThreads_isZero() {
    assertThat(openAlerts.count()).isZero();
  }

  @Test
  void count_countsOpenGroupsOnce_andLeavesResolvedOnesOut() {
    open("group-a", "C1");
    open("group-a", "C2"); // the same group routed to a second channel
    open("group-b", "C1");
    open("group-c", "C1");
    threads.resolved("group-c", "C1", T0.plusSeconds(60));

    assertThat(openAlerts.count()).isEqualTo(2);
  }

  @Test
  void count_whenTheStoreIsClosed_saysWhatFailed() {
    database.close();

    assertThatThrownBy(openAlerts::count)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("could not count open alert threads");
  }

  private void open(String group, String channel) {
    threads.opened(
        new AlertThread(group, channel, new MessageRef(channel, "1.0001"), ParentKind.SINGLE, T0));
  }
}
