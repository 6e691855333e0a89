package io.gitlabopsbot.backup;

import static io.gitlabopsbot.backup.BackupCatalogTest.DAY;
import static io.gitlabopsbot.backup.BackupCatalogTest.T0;
import static io.gitlabopsbot.backup.BackupCatalogTest.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.JdbcAuditLog;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.storage.BackupStore;
import io.gitlabopsbot.storage.InMemoryBackupStore;
import io.gitlabopsbot.storage.S3BackupStore;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.storage.StorageException;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetentionServiceTest {

  static final Caller ALICE = new Caller(Caller.SLACK, "T1", "C1", "U_ALICE", "alice");

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 3600));
  private final List<Operation> journal = new ArrayList<>();
  private Database database;
  private JdbcAuditLog audit;
  private String bucket;
  private TargetSettings target;

  @BeforeEach
  void setUp() {
    database = TestDatabases.h2();
    audit = new JdbcAuditLog(database.dataSource(), clock);
    bucket = s3.server().newBucket();
    target =
        new TargetSettings(
            "prod", "gitlab", "gitlab", "app=toolbox", bucket, "gitlab-rails-secret");
    for (int i = 0; i < 5; i++) {
      s3.server().put(bucket, key(T0 - i * DAY), new byte[1024]);
    }
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private RetentionService service(BackupStore store, RetentionSettings settings) {
    return new RetentionService(
        new BackupCatalog(store, clock),
        store,
        new SideEffects(false, journal::add),
        audit,
        clock,
        settings);
  }

  private RetentionService service(RetentionSettings settings) {
    return service(new S3BackupStore(s3.client()), settings);
  }

  @Test
  void apply_deletesWhatThePlanSays_andAuditsEachDeletion() {
    RetentionOutcome outcome =
        service(new RetentionSettings(3, null)).apply(target, false, ALICE, "c0ffee");

    assertThat(outcome.failed()).isFalse();
    assertThat(outcome.deleted())
        .extracting(BackupObject::key)
        .containsExactly(key(T0 - 3 * DAY), key(T0 - 4 * DAY));
    assertThat(s3.server().exists(bucket, key(T0 - 3 * DAY))).isFalse();
    assertThat(s3.server().exists(bucket, key(T0 - 4 * DAY))).isFalse();
    assertThat(s3.server().exists(bucket, key(T0 - 2 * DAY))).isTrue();
    List<AuditEntry> rows = audit.recent(10);
    assertThat(rows).hasSize(2);
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.command()).isEqualTo("backup prune");
              assertThat(row.outcome()).isEqualTo("deleted");
              assertThat(row.userId()).isEqualTo("U_ALICE");
              assertThat(row.correlationId()).startsWith("c0ffee.d");
            });
    assertThat(rows)
        .extracting(AuditEntry::arguments)
        .containsExactlyInAnyOrder(
            "s3://" + bucket + "/" + key(T0 - 3 * DAY), "s3://" + bucket + "/" + key(T0 - 4 * DAY));
  }

  @Test
  void apply_dryRun_deletesNothing_andReturnsTheExactOperations() {
    RetentionOutcome outcome =
        service(new RetentionSettings(null, Duration.ofDays(3))).apply(target, true, ALICE, "c1");

    assertThat(outcome.dryRun()).isTrue();
    assertThat(outcome.deleted()).isEmpty();
    assertThat(outcome.notPerformed())
        .extracting(Operation::action)
        .containsExactly(
            "delete s3://" + bucket + "/" + key(T0 - 3 * DAY),
            "delete s3://" + bucket + "/" + key(T0 - 4 * DAY));
    assertThat(journal).hasSize(2);
    for (int i = 0; i < 5; i++) {
      assertThat(s3.server().exists(bucket, key(T0 - i * DAY))).isTrue();
    }
    assertThat(audit.recent(10)).isEmpty();
  }

  @Test
  void apply_neverDeletesTheNewestBackup() {
    clock.advance(Duration.ofDays(400));

    RetentionOutcome outcome =
        service(new RetentionSettings(null, Duration.ofDays(1))).apply(target, false, ALICE, "c2");

    assertThat(outcome.deleted()).hasSize(4);
    assertThat(s3.server().exists(bucket, key(T0))).isTrue();
  }

  @Test
  void apply_whenADeletionFails_stopsThere_andAuditsTheFailure() {
    InMemoryBackupStore failingDeletes =
        new InMemoryBackupStore()
            .failDeletesWith(
                new StorageException(
                    "S3 denied access (AccessDenied) when asked to delete", "AccessDenied", null));
    for (int i = 0; i < 5; i++) {
      failingDeletes.put(key(T0 - i * DAY), new byte[1024]);
    }

    RetentionOutcome outcome =
        service(failingDeletes, new RetentionSettings(2, null)).apply(target, false, ALICE, "c3");

    assertThat(outcome.failed()).isTrue();
    assertThat(outcome.failure()).contains("AccessDenied");
    assertThat(outcome.deleted()).isEmpty();
    assertThat(audit.recent(10))
        .singleElement()
        .satisfies(row -> assertThat(row.outcome()).isEqualTo("failed"));
  }
}
