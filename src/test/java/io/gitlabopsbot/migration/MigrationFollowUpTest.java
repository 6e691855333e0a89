package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.message.Notifier;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MigrationFollowUpTest {

  private final Database database = TestDatabases.h2();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final JdbcMigrationRuns runs = new JdbcMigrationRuns(database.dataSource());
  private final List<String> updates = new ArrayList<>();

  @AfterEach
  void close() {
    workers.shutdownNow();
    database.close();
  }

  @Test
  void sweep_afterTheBotDiedMidStep_updatesTheRunsOwnMessageWithThePausedOverview() {
    MigrationService service =
        new MigrationService("prod", runs, runId -> List.of(), null, workers, clock, s -> s);
    runs.create("run-1", "prod", "U_REQ", List.of("3-1"), clock.instant());
    runs.attachMessage("run-1", "C_OPS", "1700000000.1");
    runs.startStep("run-1", "3-1", clock.instant());
    clock.advance(Duration.ofMinutes(10));
    MigrationFollowUp followUp =
        new MigrationFollowUp(service, approvals(), new Recording(), "C_FALLBACK");

    followUp.sweep();

    assertThat(runs.find("run-1").orElseThrow().status()).isEqualTo(RunStatus.PAUSED);
    assertThat(updates)
        .singleElement()
        .satisfies(
            u ->
                assertThat(u)
                    .startsWith("C_OPS/1700000000.1:")
                    .contains("Migration paused")
                    .contains("❓ *3-1*")
                    .contains("migrate resume --retry"));
  }

  @Test
  void sweep_whenNothingIsStale_postsNothing() {
    MigrationService service =
        new MigrationService("prod", runs, runId -> List.of(), null, workers, clock, s -> s);
    runs.create("run-2", "prod", "U_REQ", List.of("1-2"), clock.instant());
    runs.startStep("run-2", "1-2", clock.instant());

    new MigrationFollowUp(service, approvals(), new Recording(), "C_FALLBACK").sweep();

    assertThat(updates).isEmpty();
    assertThat(runs.find("run-2").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
  }

  private Approvals approvals() {
    return new Approvals(
        new JdbcApprovalStore(database.dataSource()),
        new AccessPolicy(new AccessSettings("T1", List.of(), Map.of(), List.of()), g -> Set.of()),
        new JdbcAuditLog(database.dataSource(), clock),
        clock);
  }

  private final class Recording implements Notifier {
    @Override
    public MessageRef post(String channel, Message message) {
      updates.add(channel + " (new):" + message.text());
      return new MessageRef(channel, "1700000001.1");
    }

    @Override
    public void update(MessageRef ref, Message message) {
      updates.add(ref.channel() + "/" + ref.ts() + ":" + message.text());
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message) {
      return parent;
    }
  }
}
