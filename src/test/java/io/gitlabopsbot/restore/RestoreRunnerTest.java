package io.gitlabopsbot.restore;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.ToolboxFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.backup.BackupSettings;
import io.gitlabopsbot.config.RestoreConfig;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RestoreRunnerTest {

  static final String ID = "1795568403_2026_11_25_17.5.2";
  static final String JOB = "gitlab-ops-bot-restore-20261125-100000";
  static final String WEB = "gitlab-webservice-default";
  static final String SIDEKIQ = "gitlab-sidekiq-all-in-1-v2";

  KubernetesMockServer server;
  KubernetesClient client;

  private static Database database;
  private KubernetesClient noRetry;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
  // Real short waits that also move the test clock, so bounded waits can run out.
  private final Sleeper sleeper =
      d -> {
        clock.advance(d);
        Sleeper.threadSleep().sleep(Duration.ofMillis(20));
      };
  private final FakeWorkloads workloads = FakeWorkloads.gitlab();
  private final RecordingProgress progress = new RecordingProgress();
  private RestoreOperations operations;

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
    noRetry = ToolboxFixtures.noRetry(client);
    ToolboxFixtures.seedToolbox(client);
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/gitlab/pods/"
                + JOB
                + "-x1/log?pretty=false&tailLines=200&limitBytes=65536")
        .andReply(
            200,
            request ->
                "Restoring PostgreSQL database gitlabhq_production ...\nERROR: relation \"users\" already exists\n")
        .always();
  }

  @AfterEach
  void tearDown() {
    noRetry.close();
  }

  private RestoreRunner runner(Duration readyTimeout) {
    RestoreSettings d = RestoreSettings.from(RestoreConfig.defaults(), "awscli");
    RestoreSettings settings =
        new RestoreSettings(
            d.approvalTtl(),
            true,
            List.of(),
            readyTimeout,
            d.activeDeadline(),
            d.ttlAfterFinished(),
            Duration.ofSeconds(10),
            d.staleAfter(),
            "awscli",
            3);
    BackupService backups =
        new BackupService(
            new Fabric8GitLabCluster(noRetry),
            new SideEffects(false, op -> {}),
            BackupSettings.defaults(),
            (bucket, key) -> OptionalLong.empty(),
            ok -> {},
            clock,
            sleeper,
            new RestoreGuard(operations));
    return new RestoreRunner(
        operations,
        workloads,
        new Fabric8GitLabCluster(noRetry),
        backups,
        new SideEffects(false, op -> {}),
        settings,
        clock,
        sleeper,
        "owner-1");
  }

  private static RestorePlan plan(boolean preBackup) {
    return new RestorePlan(
        TARGET,
        ID,
        "gitlab-backups",
        "17.5.2",
        List.of(),
        preBackup,
        List.of(WEB, SIDEKIQ),
        List.of(),
        "U0000OPER",
        "corr-1");
  }

  private CompletableFuture<RestoreOutcome> start(boolean preBackup, Duration readyTimeout) {
    RestoreRunner runner = runner(readyTimeout);
    return CompletableFuture.supplyAsync(() -> runner.run(plan(preBackup), "restore-1", progress));
  }

  private Job awaitJob(String operation) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(NS)
                    .withLabel("gitlab-ops-bot/operation", operation)
                    .list()
                    .getItems()
                    .stream()
                    .findFirst()
                    .orElse(null),
            job -> job != null);
  }

  private static RestoreOutcome outcome(CompletableFuture<RestoreOutcome> running)
      throws Exception {
    return running.get(30, TimeUnit.SECONDS);
  }

  @Test
  void run_whenEverythingWorks_recordsCountsFirstAndPutsThemBack() throws Exception {
    AtomicReference<Map<String, Integer>> recordedAtFirstScale = new AtomicReference<>();
    workloads.beforeScale =
        call ->
            recordedAtFirstScale.compareAndSet(
                null, operations.find("restore-1").orElseThrow().replicas());

    CompletableFuture<RestoreOutcome> running = start(false, Duration.ofMinutes(5));
    Job job = awaitJob("restore");
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getCommand()).isEmpty();
    assertThat(container.getArgs())
        .containsExactly(
            "/bin/bash", "-c", "backup-utility --restore -t " + ID + " --s3tool awscli");
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry("gitlab-ops-bot/restore-id", "restore-1");
    ToolboxFixtures.finishJob(client, job.getMetadata().getName(), true, null);

    RestoreOutcome outcome = outcome(running);

    assertThat(outcome).isInstanceOf(RestoreOutcome.Succeeded.class);
    assertThat(recordedAtFirstScale.get())
        .containsExactlyInAnyOrderEntriesOf(Map.of(WEB, 3, SIDEKIQ, 2));
    assertThat(workloads.calls())
        .containsExactly(
            "scale " + WEB + " 0",
            "scale " + SIDEKIQ + " 0",
            "scale " + WEB + " 3",
            "scale " + SIDEKIQ + " 2",
            // Only what ran through the restore: webservice and sidekiq were started after it.
            "delete pod gitlab-toolbox-g0-0");
    RestoreOperation stored = operations.find("restore-1").orElseThrow();
    assertThat(stored.status()).isEqualTo(RestoreOperation.Status.SUCCEEDED);
    assertThat(stored.jobName()).isEqualTo(job.getMetadata().getName());
    assertThat(progress.updates())
        .anySatisfy(
            u ->
                assertThat(u)
                    .contains("*Scale down*")
                    .contains(":heavy_minus_sign: Pre-restore backup"))
        .anySatisfy(u -> assertThat(u).contains("*Wait until Ready*"));
    assertThat(operations.active("prod")).isEmpty();
  }

  @Test
  void run_whenTheRestoreJobFails_scalesBackAndSaysTheDataMayBePartlyRestored() throws Exception {
    CompletableFuture<RestoreOutcome> running = start(false, Duration.ofMinutes(5));
    String job = awaitJob("restore").getMetadata().getName();
    assertThat(job).isEqualTo(JOB);
    ToolboxFixtures.jobPod(client, job, "Failed");
    ToolboxFixtures.podStatus(client, job, "Failed", null, 1);
    ToolboxFixtures.finishJob(client, job, false, "BackoffLimitExceeded");

    RestoreOutcome outcome = outcome(running);

    assertThat(outcome).isInstanceOf(RestoreOutcome.Failed.class);
    RestoreOutcome.Failed failed = (RestoreOutcome.Failed) outcome;
    assertThat(failed.phase()).isEqualTo(RestorePhase.RESTORE);
    assertThat(failed.reason()).containsAnyOf("BackoffLimitExceeded", "exited with code 1");
    assertThat(failed.state()).contains("PARTLY restored").contains("`" + WEB + "` 3");
    assertThat(failed.next()).contains("kubectl -n gitlab logs job/" + JOB);
    assertThat(workloads.desired(WEB)).isEqualTo(3);
    assertThat(workloads.desired(SIDEKIQ)).isEqualTo(2);
    assertThat(progress.details())
        .anySatisfy(d -> assertThat(d).contains("relation \"users\" already exists"));
    assertThat(operations.find("restore-1").orElseThrow().status())
        .isEqualTo(RestoreOperation.Status.FAILED);
    assertThat(operations.active("prod")).isEmpty();
  }

  @Test
  void run_whenTheBotLosesSightOfTheRestoreJob_leavesGitLabDownAndSaysHowToFinish()
      throws Exception {
    server
        .expect()
        .get()
        .withPath("/apis/batch/v1/namespaces/gitlab/jobs/" + JOB)
        .andReturn(500, "etcd unavailable")
        .always();
    CompletableFuture<RestoreOutcome> running = start(false, Duration.ofMinutes(5));

    RestoreOutcome outcome = outcome(running);

    RestoreOutcome.Failed failed = (RestoreOutcome.Failed) outcome;
    assertThat(failed.phase()).isEqualTo(RestorePhase.RESTORE);
    assertThat(failed.reason()).contains("lost track of Job `" + JOB + "`");
    assertThat(failed.state()).contains("scaled DOWN on purpose");
    assertThat(failed.next())
        .contains("kubectl -n gitlab get job " + JOB)
        .contains("kubectl -n gitlab scale deployment/" + WEB + " --replicas=3");
    assertThat(workloads.desired(WEB)).as("not started on half-restored data").isZero();
    assertThat(workloads.desired(SIDEKIQ)).isZero();
  }

  @Test
  void run_whenADeploymentCannotBeScaledBack_givesTheExactCommand() throws Exception {
    workloads.failScaling.add(SIDEKIQ);

    RestoreOutcome outcome = outcome(start(false, Duration.ofMinutes(5)));

    RestoreOutcome.Failed failed = (RestoreOutcome.Failed) outcome;
    assertThat(failed.phase()).isEqualTo(RestorePhase.SCALE_DOWN);
    assertThat(failed.state()).contains("could NOT be scaled back").contains("GitLab may be DOWN");
    assertThat(failed.next())
        .contains("kubectl -n gitlab scale deployment/" + SIDEKIQ + " --replicas=2");
    assertThat(workloads.desired(WEB)).isEqualTo(3);
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void run_whenThePreRestoreBackupFails_touchesNothing() throws Exception {
    CompletableFuture<RestoreOutcome> running = start(true, Duration.ofMinutes(5));
    Job backup = awaitJob("backup");
    assertThat(backup.getMetadata().getAnnotations())
        .containsEntry("gitlab-ops-bot/correlation-id", "pre-restore-restore-1");
    ToolboxFixtures.finishJob(client, backup.getMetadata().getName(), false, "DeadlineExceeded");

    RestoreOutcome.Failed failed = (RestoreOutcome.Failed) outcome(running);

    assertThat(failed.phase()).isEqualTo(RestorePhase.PRE_BACKUP);
    assertThat(failed.state()).contains("GitLab was not touched");
    assertThat(failed.next()).contains("--skip-pre-backup");
    assertThat(workloads.calls()).isEmpty();
  }

  @Test
  void run_whenPodsNeverGetReady_stopsAtTheBoundAndSaysWhatToCheck() throws Exception {
    CompletableFuture<RestoreOutcome> running = start(false, Duration.ofMinutes(2));
    Job job = awaitJob("restore");
    workloads.podsNeverReady = true;
    ToolboxFixtures.finishJob(client, job.getMetadata().getName(), true, null);

    RestoreOutcome.Failed failed = (RestoreOutcome.Failed) outcome(running);

    assertThat(failed.phase()).isEqualTo(RestorePhase.WAIT_READY);
    assertThat(failed.reason()).contains("waited 2m (restore.readyTimeout)");
    assertThat(failed.state()).contains("replicas are back");
    assertThat(failed.next()).contains("kubectl -n gitlab get pods -l release=gitlab");
  }

  @Test
  void run_whenAnotherRestoreOfTheTargetRuns_isRefusedAndChangesNothing() throws Exception {
    operations.begin(
        new RestoreOperation(
            "other",
            "prod",
            NS,
            ID,
            "other",
            "U0000OTHER",
            "c",
            "owner-2",
            RestoreOperation.Status.RUNNING,
            RestorePhase.RESTORE,
            Map.of(),
            null,
            null,
            null,
            null,
            clock.instant(),
            clock.instant()));

    RestoreOutcome outcome = outcome(start(false, Duration.ofMinutes(5)));

    assertThat(outcome).isInstanceOf(RestoreOutcome.Refused.class);
    assertThat(outcome.summary()).contains("already running");
    assertThat(workloads.calls()).isEmpty();
  }
}
