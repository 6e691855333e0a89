package io.gitlabopsbot.backup;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.ToolboxFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.slack.Sleeper;
import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When RBAC forbids creating Jobs, the backup runs through exec in the toolbox pod. */
@EnableKubernetesMockClient(crud = true)
class BackupExecFallbackTest {

  static final String KEY = "1795568403_2026_11_25_17.5.2_gitlab_backup.tar";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient noRetry;
  private final RecordingProgress progress = new RecordingProgress();

  @BeforeEach
  void forbidJobs() {
    noRetry = ToolboxFixtures.noRetry(client);
    ToolboxFixtures.seedToolbox(client);
    server
        .expect()
        .post()
        .withPath("/apis/batch/v1/namespaces/gitlab/jobs")
        .andReturn(403, "{}")
        .always();
  }

  @AfterEach
  void tearDown() {
    noRetry.close();
  }

  private BackupOutcome start() {
    return new BackupService(
            new Fabric8GitLabCluster(noRetry),
            new SideEffects(false, op -> {}),
            BackupSettings.defaults().withPollInterval(Duration.ofMillis(20)),
            (bucket, key) -> OptionalLong.of(1234L),
            succeeded -> {},
            new MutableClock(Instant.parse("2026-11-25T01:00:00Z")),
            Sleeper.threadSleep())
        .start(new BackupRequest(TARGET, List.of(), "U1", "c1", false), progress);
  }

  private void expectExec(Object... messages) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/gitlab/pods/gitlab-toolbox-6d8f-abcde/exec?command=backup-utility"
                + "&command=--s3tool&command=awscli&container=toolbox&stdout=true&stderr=true")
        .andUpgradeToWebSocket()
        .open(messages)
        .done()
        .always();
  }

  @Test
  void start_whenJobsForbiddenAndExecSucceeds_succeeds() {
    expectExec(
        new OutputStreamMessage(LogPhasesTest.fixture("backup-utility-success.log")),
        new StatusStreamMessage(0));

    BackupOutcome outcome = start();

    assertThat(outcome).isInstanceOf(BackupOutcome.Succeeded.class);
    assertThat(((BackupOutcome.Succeeded) outcome).key()).isEqualTo(KEY);
    assertThat(progress.updates().get(0)).contains("toolbox pod `gitlab-toolbox-6d8f-abcde`");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void start_whenExecStreamDropsAfterTheLogNamesAStoredObject_succeedsOnS3Proof() {
    // The exit status can be lost when the stream closes right after the output; the object the
    // log names, present and non-empty in S3, is the proof (confirmed() checks it).
    expectExec(new OutputStreamMessage(LogPhasesTest.fixture("backup-utility-success.log")));

    BackupOutcome outcome = start();

    assertThat(outcome).isInstanceOf(BackupOutcome.Succeeded.class);
    assertThat(((BackupOutcome.Succeeded) outcome).key()).isEqualTo(KEY);
  }

  @Test
  void start_whenExecStreamDropsBeforeTheBackupIsStored_fails() {
    expectExec(new OutputStreamMessage("Dumping database ...\nDumping repositories ...\n"));

    BackupOutcome outcome = start();

    assertThat(((BackupOutcome.Failed) outcome).reason())
        .contains("stream closed", "result is unknown");
    assertThat(progress.last()).contains("*Failed*");
  }

  @Test
  void start_whenExecExitsNonZero_fails() {
    expectExec(
        new OutputStreamMessage(LogPhasesTest.fixture("backup-utility-failure.log")),
        new StatusStreamMessage(1));

    // Whether or not the status frame survives (see above), the run fails and names the error.
    assertThat(((BackupOutcome.Failed) start()).reason()).contains("AccessDenied");
  }

  @Test
  void start_whenExecReportsNonZeroStatus_failsWithTheExitCode() {
    expectExec(new StatusStreamMessage(1));

    assertThat(((BackupOutcome.Failed) start()).reason()).contains("exited with code 1");
  }
}
