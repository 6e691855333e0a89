package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.LogCapture;
import io.gitlabopsbot.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@EnableKubernetesMockClient(crud = true)
class MigrationRunbookEndToEndTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static OmnibusHostServer host;

  KubernetesClient client;

  private final Database database = TestDatabases.h2();
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private ScriptedStep restore;
  private MigrationHarness harness;

  @BeforeAll
  static void startHost() {
    host = OmnibusHostServer.start();
  }

  @AfterAll
  static void stopHost() {
    host.close();
  }

  @BeforeEach
  void wire() {
    host.reset();
    restore = ScriptedStep.destructive("3-3");
    harness =
        new MigrationHarness(database, host, s3.client(), client, workers, options -> restore);
  }

  @AfterEach
  void close() {
    workers.shutdownNow();
    database.close();
    for (String bucket :
        List.of(
            MigrationHarness.UPLOADS,
            MigrationHarness.ARTIFACTS,
            MigrationHarness.LFS,
            MigrationHarness.BACKUPS)) {
      s3.client()
          .listObjectsV2(r -> r.bucket(bucket))
          .contents()
          .forEach(o -> s3.client().deleteObject(r -> r.bucket(bucket).key(o.key())));
      s3.client().deleteBucket(r -> r.bucket(bucket));
    }
  }

  @Test
  void runbook_runsEveryStepOnTheHostAndClusterWithAnApprovalForEachDataChangingStep()
      throws Exception {
    try (LogCapture logs = new LogCapture()) {
      String id = harness.start();

      MigrationRun atMove = harness.service.advance(id, harness.progress);

      assertThat(atMove.status()).isEqualTo(RunStatus.WAITING_APPROVAL);
      assertThat(atMove.nextStep().orElseThrow().stepId()).isEqualTo("1-4");
      String gitlabRb = Files.readString(Path.of(OmnibusHostServer.GITLAB_RB));
      assertThat(gitlabRb)
          .contains("# BEGIN gitlab-ops-bot object storage")
          .contains("['uploads']['bucket'] = 'acme-uploads'");
      assertThat(Path.of(OmnibusHostServer.GITLAB_RB + "." + id + ".bak")).exists();
      assertThat(host.calls())
          .contains(
              List.of("gitlab-ctl", "reconfigure"),
              List.of("gitlab-rake", "gitlab:uploads:migrate:all"),
              List.of("gitlab-rake", "gitlab:artifacts:migrate"),
              List.of("gitlab-rake", "gitlab:lfs:migrate"));
      assertThat(host.calls()).noneMatch(call -> call.contains("--no-target-directory"));

      MigrationRun atSecret = harness.approveWaitingStep(id);

      assertThat(atSecret.nextStep().orElseThrow().stepId()).isEqualTo("3-1");
      for (String directory : OmnibusHostServer.LOCAL_DIRECTORIES) {
        assertThat(Path.of(directory + ".bak")).isDirectory();
        assertThat(Path.of(directory)).as("recreated by the second reconfigure").isDirectory();
      }
      assertThat(host.calls())
          .contains(List.of("gitlab-rake", "gitlab:backup:create", "SKIP=uploads,artifacts,lfs"));
      Path archive = host.backups().get(0);
      String backupId = atSecret.step("2").orElseThrow().value();
      assertThat(archive.getFileName().toString()).isEqualTo(backupId + "_gitlab_backup.tar");
      byte[] uploaded =
          s3.client()
              .getObjectAsBytes(
                  r -> r.bucket(MigrationHarness.BACKUPS).key(archive.getFileName().toString()))
              .asByteArray();
      assertThat(sha256(uploaded)).isEqualTo(sha256(Files.readAllBytes(archive)));

      MigrationRun atRestore = harness.approveWaitingStep(id);

      assertThat(atRestore.nextStep().orElseThrow().stepId()).isEqualTo("3-3");
      String secretsYml =
          new String(
              Base64.getDecoder()
                  .decode(
                      client
                          .secrets()
                          .inNamespace(ToolboxFixtures.NS)
                          .withName("gitlab-rails-secret")
                          .get()
                          .getData()
                          .get("secrets.yml")),
              StandardCharsets.UTF_8);
      assertThat(secretsYml).startsWith("production:").contains("db_key_base");
      assertThat(
              client
                  .secrets()
                  .inNamespace(ToolboxFixtures.NS)
                  .withName("gitlab-rails-secret")
                  .get()
                  .getData())
          .containsKey("secrets.yml.before-" + id);
      assertThat(client.pods().inNamespace(ToolboxFixtures.NS).list().getItems())
          .as("restarted: the old pods were deleted")
          .isEmpty();

      MigrationRun done = harness.approveWaitingStep(id);

      assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(restore.acts).hasValue(1);
      String everything =
          String.join("\n", logs.lines())
              + harness.progress.details()
              + harness.progress.last()
              + harness.slack;
      assertThat(everything).doesNotContain(SecretFixtures.CANARY);
    }
  }

  @Test
  void runbook_whenARakeTaskFails_pausesWithItsOutput_andResumeRunsItAgain() {
    host.failNext(
        "gitlab-rake gitlab:artifacts:migrate", 1, "rake aborted! Connection refused - S3");
    String id = harness.start();

    MigrationRun paused = harness.service.advance(id, harness.progress);

    assertThat(paused.status()).isEqualTo(RunStatus.PAUSED);
    assertThat(paused.step("1-3").orElseThrow().state()).isEqualTo(StepState.FAILED);
    assertThat(paused.detail())
        .contains("gitlab-rake gitlab:artifacts:migrate")
        .contains("status 1");
    assertThat(String.join("\n", harness.progress.details()))
        .contains("rake aborted! Connection refused");

    RunbookResult resumed = harness.service.resume(null, "U_OPS", harness.progress);

    MigrationRun run = ((RunbookResult.Accepted) resumed).run();
    assertThat(run.step("1-3").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(run.step("1-1").orElseThrow().state())
        .as("not re-run: it had succeeded")
        .isEqualTo(StepState.SUCCEEDED);
    assertThat(run.nextStep().orElseThrow().stepId()).isEqualTo("1-4");
  }

  @Test
  void runbook_whenTheHostDiskIsFullDuringTheBackup_saysSo() {
    String id = harness.start();
    harness.service.advance(id, harness.progress);
    host.failNextWithNoSpace("gitlab-rake gitlab:backup:create");

    MigrationRun paused = harness.approveWaitingStep(id);

    assertThat(paused.step("2").orElseThrow().state()).isEqualTo(StepState.FAILED);
    assertThat(paused.detail()).contains("ran out of disk space");
  }

  @Test
  void runbook_afterTheBotDiedDuringAnIdempotentStep_runsItAgainOnResume() {
    String id = harness.start();
    // A bot started step 1-1 and vanished before it finished.
    harness.runs.startStep(id, "1-1", harness.clock.instant());
    harness.clock.advance(Duration.ofMinutes(10));

    List<MigrationRun> recovered = harness.service.recoverStale();

    assertThat(recovered)
        .singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.PAUSED));
    RunbookResult resumed = harness.service.resume(null, "U_OPS", harness.progress);
    MigrationRun run = ((RunbookResult.Accepted) resumed).run();
    assertThat(run.step("1-1").orElseThrow().state()).isEqualTo(StepState.SUCCEEDED);
    assertThat(run.nextStep().orElseThrow().stepId()).isEqualTo("1-4");
  }

  @Test
  void runbook_afterTheBotDiedDuringTheSecretReplacement_asksAPersonInsteadOfRepeatingIt() {
    String id = harness.start();
    harness.service.advance(id, harness.progress);
    harness.approveWaitingStep(id); // 1-4 … 2, waits at 3-1
    MigrationRun waiting = harness.runs.find(id).orElseThrow();
    StepRecord secret = waiting.nextStep().orElseThrow();
    harness.approvals.decide(
        secret.approvalId(),
        new io.gitlabopsbot.access.Caller("slack", "T1", "C_OPS", "U_APPR", "appr"),
        true);
    // The approval was claimed and the step started, then the bot died.
    harness.runs.approved(id, "3-1", secret.approvalId());
    harness.runs.setStatus(
        id, RunStatus.WAITING_APPROVAL, RunStatus.RUNNING, "", harness.clock.instant());
    harness.runs.startStep(id, "3-1", harness.clock.instant());
    harness.clock.advance(Duration.ofMinutes(10));

    MigrationRun recovered = harness.service.recoverStale().get(0);

    assertThat(recovered.step("3-1").orElseThrow().state()).isEqualTo(StepState.UNKNOWN);
    RunbookResult refused = harness.service.resume(null, "U_OPS", harness.progress);
    assertThat(refused).isInstanceOf(RunbookResult.Refused.class);
    RunbookResult retried = harness.service.resume("retry", "U_OPS", harness.progress);
    assertThat(((RunbookResult.Accepted) retried).run().status())
        .as("a retry of a data-changing step needs a new approval")
        .isEqualTo(RunStatus.WAITING_APPROVAL);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
