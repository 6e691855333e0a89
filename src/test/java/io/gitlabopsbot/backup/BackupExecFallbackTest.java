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
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8GitLabCluster;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import io.gitlabopsbot.store.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When RBAC forbids creating Jobs and the operator opted in, the backup runs through exec in the
 * toolbox pod; its exit status travels in the output, so a lost status frame is never guessed at.
 */
@EnableKubernetesMockClient(crud = true)
class BackupExecFallbackTest {

  static final String KEY = "1795568403_2026_11_25_17.5.2_gitlab_backup.tar";
  static final String RBAC_DENIAL =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
          + "\"jobs.batch is forbidden: User \\\"system:serviceaccount:gitlab:gitlab-ops-bot\\\""
          + " cannot create resource \\\"jobs\\\" in API group \\\"batch\\\" in the namespace"
          + " \\\"gitlab\\\"\",\"reason\":\"Forbidden\",\"code\":403}";
  static final String POLICY_DENIAL =
      "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":"
          + "\"jobs.batch \\\"gitlab-ops-bot-backup-1\\\" is forbidden: ValidatingAdmissionPolicy"
          + " 'gitlab-ops-bot-toolbox-jobs' with binding 'gitlab-ops-bot-toolbox-jobs' denied request:"
          + " a Job of the bot must run the toolbox image\",\"reason\":\"Forbidden\",\"code\":403}";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient noRetry;
  private final RecordingProgress progress = new RecordingProgress();

  @BeforeEach
  void setUp() {
    noRetry = ToolboxFixtures.noRetry(client);
    ToolboxFixtures.seedToolbox(client);
  }

  @AfterEach
  void tearDown() {
    noRetry.close();
  }

  private void refuseJobs(String status) {
    server
        .expect()
        .post()
        .withPath("/apis/batch/v1/namespaces/gitlab/jobs")
        .andReturn(403, status)
        .always();
  }

  private BackupOutcome start(boolean execFallback) {
    return new BackupService(
            new Fabric8GitLabCluster(noRetry),
            new SideEffects(false, op -> {}),
            BackupSettings.defaults()
                .withPollInterval(Duration.ofMillis(20))
                .withExecFallback(execFallback),
            (bucket, key) -> OptionalLong.of(1234L),
            succeeded -> {},
            new MutableClock(Instant.parse("2026-11-25T01:00:00Z")),
            Sleeper.threadSleep())
        .start(new BackupRequest(TARGET, List.of(), "U1", "c1", false), progress);
  }

  private void expectExec(Object... messages) {
    String line = "backup-utility --s3tool awscli; echo \"" + ExitMarker.PREFIX + "$?\"";
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/gitlab/pods/gitlab-toolbox-6d8f-abcde/exec?command=%2Fbin%2Fbash"
                + "&command=-c&command="
                + URLEncoder.encode(line, StandardCharsets.UTF_8).replace("+", "%20")
                + "&container=toolbox&stdout=true&stderr=true")
        .andUpgradeToWebSocket()
        .open(messages)
        .done()
        .always();
  }

  private static String success() {
    return LogPhasesTest.fixture("backup-utility-success.log");
  }

  @Test
  void start_whenJobsForbiddenAndFallbackOff_failsWithWhatToGrantAndExecsNothing()
      throws Exception {
    refuseJobs(RBAC_DENIAL);
    expectExec(new OutputStreamMessage(success()), new StatusStreamMessage(0));

    BackupOutcome outcome = start(false);

    assertThat(((BackupOutcome.Failed) outcome).reason())
        .contains("may not create Job", "manifests/role.yaml", "backup.execFallback: true");
    assertThat(server.getLastRequest().getPath()).doesNotContain("/exec");
  }

  @Test
  void start_whenAnAdmissionPolicyRefusesTheJob_neverFallsBackToExec() throws Exception {
    refuseJobs(POLICY_DENIAL);
    expectExec(new OutputStreamMessage(success()), new StatusStreamMessage(0));

    BackupOutcome outcome = start(true);

    assertThat(((BackupOutcome.Failed) outcome).reason())
        .contains("admission policy refused", "must run the toolbox image", "Nothing was started");
    assertThat(server.getLastRequest().getPath()).doesNotContain("/exec");
  }

  @Test
  void start_whenJobsForbiddenAndExecSucceeds_succeeds() {
    refuseJobs(RBAC_DENIAL);
    expectExec(
        new OutputStreamMessage(success() + ExitMarker.PREFIX + "0\n"), new StatusStreamMessage(0));

    BackupOutcome outcome = start(true);

    assertThat(outcome).isInstanceOf(BackupOutcome.Succeeded.class);
    assertThat(((BackupOutcome.Succeeded) outcome).key()).isEqualTo(KEY);
    assertThat(progress.updates().get(0)).contains("toolbox pod `gitlab-toolbox-6d8f-abcde`");
    assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void start_whenTheStatusFrameIsLost_takesTheExitStatusFromTheMarkerLine() {
    refuseJobs(RBAC_DENIAL);
    expectExec(new OutputStreamMessage(success() + ExitMarker.PREFIX + "0\n"));

    BackupOutcome outcome = start(true);

    assertThat(outcome).isInstanceOf(BackupOutcome.Succeeded.class);
  }

  @Test
  void start_whenTheStatusFrameIsLostAfterAFailure_failsWithTheMarkersExitCode() {
    refuseJobs(RBAC_DENIAL);
    expectExec(
        new OutputStreamMessage(
            LogPhasesTest.fixture("backup-utility-failure.log") + ExitMarker.PREFIX + "1\n"));

    assertThat(((BackupOutcome.Failed) start(true)).reason())
        .contains("exited with code 1", "AccessDenied");
  }

  @Test
  void start_whenTheStreamDropsWithoutTheMarker_failsAsUnknownEvenIfTheLogLooksDone() {
    // Without an exit status the result is not guessed, not even from a log naming an object.
    refuseJobs(RBAC_DENIAL);
    expectExec(new OutputStreamMessage(success()));

    BackupOutcome outcome = start(true);

    assertThat(((BackupOutcome.Failed) outcome).reason())
        .contains("stream closed", "result is unknown");
    assertThat(progress.last()).contains("*Failed*");
  }

  @Test
  void start_whenExecReportsNonZeroStatus_failsWithTheExitCode() {
    refuseJobs(RBAC_DENIAL);
    expectExec(new StatusStreamMessage(1));

    assertThat(((BackupOutcome.Failed) start(true)).reason()).contains("exited with code 1");
  }
}
