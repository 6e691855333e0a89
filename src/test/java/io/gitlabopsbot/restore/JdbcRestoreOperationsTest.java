package io.gitlabopsbot.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JdbcRestoreOperationsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private Database database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private RestoreOperations open(Supplier<Database> kind) {
    database = kind.get();
    return new JdbcRestoreOperations(database.dataSource(), clock);
  }

  private RestoreOperation running(String id, String target, String owner) {
    return new RestoreOperation(
        id,
        target,
        "gitlab",
        "1795568403_2026_11_25_17.5.2",
        id,
        "U0000OPER",
        "corr-" + id,
        owner,
        RestoreOperation.Status.RUNNING,
        RestorePhase.PRE_BACKUP,
        Map.of(),
        null,
        null,
        null,
        null,
        clock.instant(),
        clock.instant());
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void begin_allowsOneRunningRestorePerTargetUntilItFinishes(Supplier<Database> kind) {
    RestoreOperations operations = open(kind);

    assertThat(operations.begin(running("a", "prod", "me"))).isTrue();
    assertThat(operations.begin(running("b", "prod", "other"))).isFalse();
    assertThat(operations.begin(running("c", "staging", "me"))).isTrue();
    assertThat(operations.active("prod").orElseThrow().id()).isEqualTo("a");

    assertThat(operations.finish("a", RestoreOperation.Status.FAILED, "failed at Restore"))
        .isTrue();
    assertThat(operations.finish("a", RestoreOperation.Status.SUCCEEDED, "again")).isFalse();
    assertThat(operations.active("prod")).isEmpty();
    assertThat(operations.begin(running("d", "prod", "me"))).isTrue();
    assertThat(operations.find("a").orElseThrow().detail()).isEqualTo("failed at Restore");
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void updates_keepPhaseReplicasJobAndMessage(Supplier<Database> kind) {
    RestoreOperations operations = open(kind);
    operations.begin(running("a", "prod", "me"));

    operations.phase("a", RestorePhase.SCALE_DOWN);
    operations.recordReplicas("a", Map.of("gitlab-webservice-default", 3, "gitlab-sidekiq", 2));
    operations.jobName("a", "gitlab-ops-bot-restore-20261125-100000");
    operations.message("a", "C0000OPS1", "1700000000.000100");

    RestoreOperation stored = operations.find("a").orElseThrow();
    assertThat(stored.phase()).isEqualTo(RestorePhase.SCALE_DOWN);
    assertThat(stored.replicas())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("gitlab-webservice-default", 3, "gitlab-sidekiq", 2));
    assertThat(stored.jobName()).isEqualTo("gitlab-ops-bot-restore-20261125-100000");
    assertThat(stored.hasMessage()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("io.gitlabopsbot.store.TestDatabases#both")
  void markStaleUnknown_marksOnlyRestoresWithoutARecentHeartbeat_once(Supplier<Database> kind) {
    RestoreOperations operations = open(kind);
    operations.begin(running("dead", "prod", "stopped-process"));
    operations.begin(running("alive", "staging", "live-process"));
    clock.advance(Duration.ofMinutes(5));
    assertThat(operations.heartbeat("live-process", clock.instant())).isEqualTo(1);

    var marked = operations.markStaleUnknown(clock.instant().minus(Duration.ofMinutes(3)));

    assertThat(marked).extracting(RestoreOperation::id).containsExactly("dead");
    assertThat(marked.get(0).status()).isEqualTo(RestoreOperation.Status.UNKNOWN);
    assertThat(operations.active("prod")).isEmpty();
    assertThat(operations.active("staging")).isPresent();
    assertThat(operations.markStaleUnknown(clock.instant().minus(Duration.ofMinutes(3)))).isEmpty();
  }
}
