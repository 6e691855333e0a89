package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.migration.MigrationStartApproval;
import io.gitlabopsbot.migration.MigrationStepApprovals;
import io.gitlabopsbot.migration.MigrationTestConfig;
import io.gitlabopsbot.migration.OmnibusHostServer;
import io.gitlabopsbot.ssh.SshSettings;
import io.gitlabopsbot.storage.S3TestServer;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Omnibus-to-chart migration driven through the whole bot as people would drive it from Slack:
 * signed slash commands and button clicks in, Web API calls out (WireMock), a real SSH server as
 * the Omnibus host, an S3-compatible server and the Kubernetes mock server as the chart's cluster.
 */
class BotMigrationTest {

  private static final String TEAM = RunningBot.TEAM;
  private static final String REQUESTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";
  private static final String BACKUPS = "gitlab-backups";
  private static final List<String> BUCKETS =
      List.of("acme-uploads", "acme-artifacts", "acme-lfs", BACKUPS);
  private static final String UPLOADS = "/var/opt/gitlab/gitlab-rails/uploads";
  private static final List<String> STEPS =
      List.of("1-1", "1-2", "1-3", "1-4", "1-5", "2", "3-1", "3-2", "3-3");
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);
  private static final Duration QUIET = Duration.ofSeconds(2);

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static OmnibusHostServer host;

  @TempDir Path dir;

  private ChartCluster cluster;
  private LogCapture logs;
  private RunningBot running;
  private SlackPeople people;
  private SlackTraffic slack;

  @BeforeAll
  static void startHost() {
    host = OmnibusHostServer.start();
  }

  @AfterAll
  static void stopHost() {
    if (host != null) {
      host.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    host.reset();
    BUCKETS.forEach(bucket -> s3.client().createBucket(r -> r.bucket(bucket)));
    cluster = new ChartCluster();
    cluster.pointBotHere();
    // The bot takes AWS credentials from the default chain; system properties are part of it.
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    logs = new LogCapture();
    running = RunningBot.start(dir, config(host.settings()), Map.of());
    people = new SlackPeople(running, STEP_WAIT);
    slack = people.traffic();
    // Readiness: the first request warms up the whole Slack path, which on a busy machine can
    // take longer than Slack's 3 s acknowledgement deadline that the test client enforces.
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> people.command(REQUESTER, "help").contains("migrate plan"));
  }

  @AfterEach
  void stop() {
    try {
      running.close();
    } finally {
      logs.close();
      cluster.close();
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
      for (String bucket : BUCKETS) {
        s3.client()
            .listObjectsV2(r -> r.bucket(bucket))
            .contents()
            .forEach(o -> s3.client().deleteObject(r -> r.bucket(bucket).key(o.key())));
        s3.client().deleteBucket(r -> r.bucket(bucket));
      }
    }
  }

  @Test
  void migration_fromSlack_runsEveryStepAfterItsApproval_restoresIntoTheChart_leaksNoSecret()
      throws Exception {
    List<String> secrets = MigrationTestConfig.secretsOnTheHost();
    assertThat(secrets).as("the tokens and every line of the two PEM keys").hasSizeGreaterThan(40);

    people.command(REQUESTER, "migrate plan");

    await().atMost(STEP_WAIT).until(() -> slack.texts().contains("Every prerequisite holds"));
    assertThat(slack.texts()).doesNotContain("❌").contains("both run 17.5.2");
    assertThat(slack.calls())
        .as("the plan, with every command, in the thread")
        .anyMatch(
            call ->
                call.fields().containsKey("thread_ts")
                    && call.texts().contains("gitlab:backup:create"));

    people.command(REQUESTER, "migrate start");

    String plan = people.awaitApprovalRequest(MigrationStartApproval.KIND, null);
    assertThat(slack.buttons(ApprovalMessages.REJECT)).contains(plan);
    assertThat(host.calls())
        .as("nothing runs before the plan is approved")
        .noneMatch(call -> call.contains("reconfigure") || call.contains("gitlab-rake"));

    people.approve(APPROVER, plan);

    String moveAside = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "1-4");
    await().atMost(STEP_WAIT).until(() -> slack.texts().contains("Migration waiting for approval"));
    assertThat(host.calls())
        .contains(
            List.of("gitlab-ctl", "reconfigure"), List.of("gitlab-rake", "gitlab:lfs:migrate"))
        .noneMatch(call -> call.contains("mv") && call.contains(UPLOADS));
    int callsBefore = host.calls().size();

    people.approve(REQUESTER, moveAside);

    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(
            () ->
                people.status(moveAside) == ApprovalStatus.PENDING
                    && host.calls().size() == callsBefore);
    assertThat(Path.of(UPLOADS + ".bak")).doesNotExist();

    people.approve(APPROVER, moveAside);

    String replaceSecret = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "3-1");
    String archive = host.backups().get(0).getFileName().toString();
    String backupId = archive.replace("_gitlab_backup.tar", "");
    assertThat(s3.client().headObject(r -> r.bucket(BACKUPS).key(archive)).contentLength())
        .isEqualTo(Files.size(host.backups().get(0)));

    people.approve(APPROVER, replaceSecret);

    String restore = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "3-3");
    assertThat(cluster.secretsYml()).contains("db_key_base");

    people.approve(APPROVER, restore);

    await().atMost(STEP_WAIT).until(() -> slack.texts().contains("Migration completed"));
    Job job = restoreJob();
    var container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getCommand()).isEmpty();
    assertThat(container.getArgs().get(2)).contains("backup-utility --restore -t " + backupId);
    assertThat(cluster.controllers.events())
        .containsSubsequence(
            "scale gitlab-webservice 0",
            "scale gitlab-sidekiq 0",
            "job " + job.getMetadata().getName() + " succeeded",
            "scale gitlab-webservice 1",
            "scale gitlab-sidekiq 1");
    List<String> events = cluster.controllers.events();
    assertThat(
            events.subList(events.indexOf("scale gitlab-sidekiq 1"), events.size()).stream()
                .filter(event -> event.startsWith("delete pod "))
                .toList())
        .as("restarted once scaled back: only the pods that ran through the restore")
        .singleElement()
        .asString()
        .startsWith("delete pod gitlab-toolbox-");

    String status = people.command(REQUESTER, "migrate status");

    assertThat(status).contains("Migration completed");
    STEPS.forEach(step -> assertThat(status).contains("✅ *" + step + "*"));
    assertThat(status).doesNotContain("❌", "⚪", "❓", "🔄");
    String everything =
        slack.raw()
            + running.core.audit.recent(1000)
            + String.join("\n", logs.lines())
            + running.console;
    assertThat(everything).doesNotContain("CANARY");
    secrets.forEach(secret -> assertThat(everything).doesNotContain(secret));
  }

  private String config(SshSettings ssh) {
    return """
        access:
          teamId: %s
          roles:
            operator: {users: [%s]}
            approver: {users: [%s]}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: %s}
        aws: {region: eu-west-1, endpointOverride: "%s"}
        """
            .formatted(TEAM, REQUESTER, APPROVER, BACKUPS, s3.server().endpoint())
        + MigrationTestConfig.section(ssh);
  }

  private Job restoreJob() {
    List<Job> jobs =
        cluster
            .client
            .batch()
            .v1()
            .jobs()
            .inNamespace(ChartCluster.NAMESPACE)
            .withLabel("gitlab-ops-bot/operation", "restore")
            .list()
            .getItems();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }
}
