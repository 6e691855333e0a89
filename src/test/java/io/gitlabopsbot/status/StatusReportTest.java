package io.gitlabopsbot.status;

import static io.gitlabopsbot.status.StatusFixtures.NOW;
import static io.gitlabopsbot.status.StatusFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.TextRenderer;
import io.gitlabopsbot.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatusReportTest {

  KubernetesClient client;

  private final LastBackup freshBackup = bucket -> Optional.of(NOW.minus(Duration.ofHours(3)));
  private final FiringAlerts noAlerts = () -> 0;

  private String report(LastBackup backup, FiringAlerts alerts) {
    Message message =
        new StatusReport(
                new Fabric8ReleaseHealth(client),
                backup,
                target -> Optional.empty(),
                alerts,
                Clock.fixed(NOW, ZoneOffset.UTC))
            .build(TARGET);
    return message.text() + "\n" + new TextRenderer().render(message);
  }

  private String report() {
    return report(freshBackup, noAlerts);
  }

  @Test
  void build_whenEverythingIsFine_isHealthy() {
    new StatusFixtures(client).healthy();

    String text = report();

    assertThat(text)
        .contains("healthy", ":white_check_mark: *Healthy*")
        .containsPattern("gitlab-webservice-default +2/2")
        .containsPattern("gitlab-toolbox +1/1")
        .contains("none (1 pods Ready")
        .contains("current 2, desired 2, max 10")
        .contains("all 1 Ready, no pressure")
        .contains("present", "3 h ago")
        .doesNotContain(":warning:", ":x:");
  }

  @Test
  void build_whenADeploymentIsPartlyReady_isDegraded() {
    new StatusFixtures(client).healthy().deployment("gitlab-sidekiq-urgent", "sidekiq", 1, 3);

    assertThat(report())
        .contains(":warning: *Degraded*: 1 Deployment not fully ready")
        .containsPattern("! gitlab-sidekiq-urgent +1/3");
  }

  @Test
  void build_whenADeploymentHasNoReadyReplica_isDown() {
    new StatusFixtures(client).healthy().deployment("gitlab-gitaly", "gitaly", 0, 1);

    assertThat(report()).contains(":x: *Down*: gitlab-gitaly has no ready replica");
  }

  @Test
  void build_whenNoDeploymentCarriesTheReleaseLabel_isDown() {
    new StatusFixtures(client).deployment("other-webservice", "webservice", "other", 1, 1);

    assertThat(report())
        .contains(":x: *Down*: no Deployment of the release found")
        .contains("none found with label `release=gitlab`")
        .doesNotContain("other-webservice");
  }

  @Test
  void build_showsACrashLoopingPodWithItsRestarts() {
    new StatusFixtures(client)
        .healthy()
        .pod(
            "gitlab-sidekiq-6f8-xyz12",
            "Running",
            false,
            7,
            "CrashLoopBackOff",
            NOW.minusSeconds(90));

    assertThat(report())
        .contains("1 problem pod")
        .containsPattern("gitlab-sidekiq-6f8-xyz12 +Running/CrashLoopBackOff  restarts: 7");
  }

  @Test
  void build_countsAReadyPodThatRestartedRecently_butNotOldRestartsOrFinishedJobs() {
    new StatusFixtures(client)
        .healthy()
        .pod("recent-restart", "Running", true, 2, null, NOW.minus(Duration.ofMinutes(10)))
        .pod("old-restart", "Running", true, 4, null, NOW.minus(Duration.ofDays(2)))
        .pod("backup-job-abc", "Succeeded", false, 0, null, null);

    assertThat(report())
        .contains("1 problem pod")
        .containsPattern("recent-restart +Running/last exit: Error  restarts: 2")
        .doesNotContain("old-restart", "backup-job-abc");
  }

  private String reportWithLastRun(LastBackup backup, LastBackupRun lastRun) {
    Message message =
        new StatusReport(
                new Fabric8ReleaseHealth(client),
                backup,
                lastRun,
                noAlerts,
                Clock.fixed(NOW, ZoneOffset.UTC))
            .build(TARGET);
    return message.text() + "\n" + new TextRenderer().render(message);
  }

  private static LastBackupRun failedRun(Duration ago) {
    return target ->
        Optional.of(
            new LastBackupRun.Run(
                "gitlab-ops-bot-backup-20261202-010000",
                NOW.minus(ago),
                false,
                "backup-utility failed (its log is in the run's thread)"));
  }

  @Test
  void build_whenTheBotsOwnBackupPodFailedButALaterBackupSucceeded_isHealthy() {
    new StatusFixtures(client)
        .healthy()
        .botJobPod("gitlab-ops-bot-backup-20261129-010000-x1", "Failed");

    String text = reportWithLastRun(freshBackup, failedRun(Duration.ofDays(4)));

    assertThat(text)
        .contains(":white_check_mark: *Healthy*")
        .doesNotContain("problem pod", "gitlab-ops-bot-backup-20261129", "last run failed");
  }

  @Test
  void build_whenTheLastBackupRunFailed_reportsItUnderBackupsNotAsAProblemPod() {
    new StatusFixtures(client)
        .healthy()
        .botJobPod("gitlab-ops-bot-backup-20261202-010000-x1", "Failed");
    LastBackup olderBackup = bucket -> Optional.of(NOW.minus(Duration.ofHours(20)));

    String text = reportWithLastRun(olderBackup, failedRun(Duration.ofHours(2)));

    assertThat(text)
        .contains(":warning: *Degraded*: last backup run failed")
        .contains(":x: the last run failed 2 h ago (Job `gitlab-ops-bot-backup-20261202-010000`)")
        .contains("backup-utility failed")
        .doesNotContain("problem pod", "-x1");
  }

  @Test
  void build_flagsAnHpaAtMax() {
    new StatusFixtures(client).healthy().hpa("gitlab-sidekiq-all-in-1-v2", 8, 8);

    assertThat(report())
        .contains("1 HPA at max")
        .containsPattern("! gitlab-sidekiq-all-in-1-v2 +current 8, desired 8, max 8 \\(at max\\)");
  }

  @Test
  void build_listsNodesNotReadyOrUnderPressure() {
    new StatusFixtures(client)
        .healthy()
        .node("ip-10-0-2-2", false)
        .node("ip-10-0-3-3", true, "MemoryPressure");

    assertThat(report())
        .contains("2 nodes with problems")
        .containsPattern("ip-10-0-2-2 +NotReady")
        .containsPattern("ip-10-0-3-3 +MemoryPressure")
        .doesNotContain("ip-10-0-1-1");
  }

  @Test
  void build_whenNoToolbox_saysAbsent() {
    new StatusFixtures(client)
        .deployment("gitlab-webservice-default", "webservice", 2, 2)
        .node("n1", true);

    assertThat(report())
        .contains("no toolbox")
        .contains("absent (no Deployment with labels `app=toolbox,release=gitlab`)");
  }

  @Test
  void build_whenTheLastBackupIsOlderThan26Hours_flagsIt() {
    new StatusFixtures(client).healthy();

    String text = report(bucket -> Optional.of(NOW.minus(Duration.ofHours(27))), noAlerts);

    assertThat(text).contains("last backup older than 26 h").contains(":warning: 27 h ago");
  }

  @Test
  void build_whenTheBucketHoldsNoBackup_flagsIt() {
    new StatusFixtures(client).healthy();

    assertThat(report(bucket -> Optional.empty(), noAlerts))
        .contains("no backup")
        .contains(":warning: none in s3://gitlab-backups");
  }

  @Test
  void build_whenS3IsUnreachable_showsBackupUnknownAndTheRest() {
    new StatusFixtures(client).healthy();
    LastBackup broken =
        bucket -> {
          throw new StorageException(
              "listing s3://" + bucket + " failed: connection refused", null, null);
        };

    assertThat(report(broken, noAlerts))
        .contains("could not read last backup")
        .contains("unknown (listing s3://gitlab-backups failed: connection refused)")
        .containsPattern("gitlab-webservice-default +2/2");
  }

  @Test
  void build_countsFiringAlerts() {
    new StatusFixtures(client).healthy();

    assertThat(report(freshBackup, () -> 3)).contains("3 firing alerts").contains(":warning: 3");
  }

  @Test
  void build_whenTheApiIsUnreachable_eachClusterSectionSaysSo() {
    try (KubernetesClient unreachable = StatusFixtures.unreachable()) {
      Message message =
          new StatusReport(
                  new Fabric8ReleaseHealth(unreachable),
                  freshBackup,
                  target -> Optional.empty(),
                  noAlerts,
                  Clock.fixed(NOW, ZoneOffset.UTC))
              .build(TARGET);
      String text = new TextRenderer().render(message);

      assertThat(text)
          .contains("could not read deployments, pods, HPAs, nodes")
          .contains("Kubernetes API call failed: list Deployments in namespace gitlab")
          .contains("Kubernetes API call failed: list nodes (no response)")
          .contains("3 h ago");
    }
  }

  @Test
  void build_boundsEachSectionTo20Rows() {
    StatusFixtures fixtures = new StatusFixtures(client).healthy();
    for (int i = 0; i < 25; i++) {
      fixtures.pod("crashing-" + (100 + i), "Pending", false, 0, "ImagePullBackOff", null);
    }

    assertThat(report())
        .contains("25 problem pods")
        .contains("crashing-119")
        .contains("+5 more")
        .doesNotContain("crashing-120");
  }
}
