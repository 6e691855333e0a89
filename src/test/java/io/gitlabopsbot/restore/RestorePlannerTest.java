package io.gitlabopsbot.restore;

import static io.gitlabopsbot.restore.Backups.DAY;
import static io.gitlabopsbot.restore.Backups.ID;
import static io.gitlabopsbot.restore.Backups.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.backup.BackupCatalog;
import io.gitlabopsbot.backup.BackupJobSpec;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.backup.BackupSettings;
import io.gitlabopsbot.backup.BackupVerifier;
import io.gitlabopsbot.config.RestoreConfig;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.storage.S3BackupStore;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class RestorePlannerTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  KubernetesClient client;

  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 3600));
  private final FakeWorkloads workloads = FakeWorkloads.gitlab();
  private static Database database;
  private RestoreOperations operations;
  private TargetSettings target;
  private RestorePlanner planner;

  @BeforeAll
  static void openStore() {
    database = TestDatabases.h2();
  }

  @AfterAll
  static void closeStore() {
    database.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    try (var connection = database.dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("DELETE FROM restore_operation");
    }
    operations = new JdbcRestoreOperations(database.dataSource(), clock);
    String bucket = s3.server().newBucket();
    target = new TargetSettings("prod", "gitlab", "gitlab", "app=toolbox", bucket, "rails");
    S3BackupStore store = new S3BackupStore(s3.client());
    BackupCatalog catalog = new BackupCatalog(store, clock);
    BackupService backups =
        new BackupService(
            new Fabric8GitLabCluster(client),
            new SideEffects(false, op -> {}),
            BackupSettings.defaults(),
            (b, k) -> OptionalLong.empty(),
            ok -> {},
            clock,
            d -> {});
    planner =
        new RestorePlanner(
            catalog,
            new BackupVerifier(catalog, store),
            workloads,
            backups,
            operations,
            RestoreSettings.from(RestoreConfig.defaults(), "awscli"));
  }

  private void put(long epoch, String version, String skipped) {
    s3.server()
        .put(
            target.backupBucket(),
            Backups.key(epoch, version),
            Backups.archive(epoch, version, skipped));
  }

  private RestorePlanner.Planning plan(String typed) {
    return planner.plan(target, typed, true, "U0000OPER", "corr-1");
  }

  private static String refusal(RestorePlanner.Planning planning) {
    assertThat(planning).isInstanceOf(RestorePlanner.Planning.Refused.class);
    return ((RestorePlanner.Planning.Refused) planning).reason();
  }

  @Test
  void plan_whenBackupVerifiesAndVersionsMatch_bindsEveryParameterToTheApproval() {
    put(T0, "17.5.2", "registry");

    RestorePlan plan = ((RestorePlanner.Planning.Planned) plan(ID)).plan();

    assertThat(plan.backupId()).isEqualTo(ID);
    assertThat(plan.deployments())
        .containsExactly("gitlab-webservice-default", "gitlab-sidekiq-all-in-1-v2");
    assertThat(plan.warnings())
        .anySatisfy(w -> assertThat(w).contains("does not contain registry"));
    assertThat(plan.toSubject().parameters())
        .containsEntry("backup", ID)
        .containsEntry("GitLab version", "17.5.2")
        .containsEntry("pre-restore backup", "yes")
        .containsEntry("scale to 0", "gitlab-webservice-default, gitlab-sidekiq-all-in-1-v2")
        .containsEntry("not in the backup", "registry");
    RestorePlan rebuilt = RestorePlan.fromSubject(plan.toSubject(), target);
    assertThat(rebuilt.toSubject().operationHash()).isEqualTo(plan.toSubject().operationHash());
  }

  @Test
  void plan_whenTheEditionSuffixDiffers_treatsItAsTheSameVersion() {
    put(T0, "17.5.2", "");
    workloads.version = Optional.of("17.5.2-ee");

    assertThat(plan(String.valueOf(T0))).isInstanceOf(RestorePlanner.Planning.Planned.class);
  }

  @Test
  void plan_whenBackupIsUnknown_saysSoAndNamesTheNewest() {
    put(T0, "17.5.2", "");

    assertThat(refusal(plan("1700000000")))
        .contains("no backup `1700000000`")
        .contains(ID)
        .contains("Nothing was changed");
    assertThat(workloads.calls()).isEmpty();
  }

  @Test
  void plan_whenVersionsDiffer_isRefusedWithTheVersionToDeployFirst() {
    put(T0, "17.5.2", "");
    workloads.version = Optional.of("17.6.0");

    assertThat(refusal(plan(ID)))
        .contains("taken with GitLab 17.5.2 but release `gitlab` runs GitLab 17.6.0")
        .contains("deploy GitLab 17.5.2 first");
  }

  @Test
  void plan_whenRunningVersionIsUnknown_isRefusedWithHowToCheck() {
    put(T0, "17.5.2", "");
    workloads.version = Optional.empty();

    assertThat(refusal(plan(ID)))
        .contains("version the release runs is unknown")
        .contains("kubectl -n gitlab get deploy -l release=gitlab,app=webservice");
  }

  @Test
  void plan_latest_takesTheNewestBackupThatVerifies() {
    put(T0 - DAY, "17.5.2", "");
    s3.server().put(target.backupBucket(), Backups.key(T0, "17.5.2"), new byte[0]);

    RestorePlan plan = ((RestorePlanner.Planning.Planned) plan("latest")).plan();

    assertThat(plan.backupId()).isEqualTo((T0 - DAY) + "_2026_11_24_17.5.2");
  }

  @Test
  void plan_whenABackupJobIsActive_isRefused() {
    put(T0, "17.5.2", "");
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace("gitlab")
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("gitlab-ops-bot-backup-1")
                .withLabels(BackupJobSpec.ours(target).labels())
                .endMetadata()
                .withNewStatus()
                .withActive(1)
                .endStatus()
                .build())
        .create();

    assertThat(refusal(plan(ID)))
        .contains("a backup of `prod` is running")
        .contains("gitlab-ops-bot-backup-1");
  }

  @Test
  void plan_whenARestoreOfTheTargetRuns_isRefused() {
    put(T0, "17.5.2", "");
    operations.begin(
        new RestoreOperation(
            "other",
            "prod",
            "gitlab",
            ID,
            "other",
            "U0000OTHER",
            "c",
            "me",
            RestoreOperation.Status.RUNNING,
            RestorePhase.RESTORE,
            Map.of(),
            null,
            null,
            null,
            null,
            clock.instant(),
            clock.instant()));

    assertThat(refusal(plan(ID))).contains("already running").contains("*Restore*");
  }
}
