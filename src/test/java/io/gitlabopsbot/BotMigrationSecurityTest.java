package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.migration.MigrationStartApproval;
import io.gitlabopsbot.migration.MigrationStepApprovals;
import io.gitlabopsbot.migration.MigrationTestConfig;
import io.gitlabopsbot.migration.OmnibusHostServer;
import io.gitlabopsbot.ssh.SshSettings;
import io.gitlabopsbot.storage.S3TestServer;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.LogCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
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
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * The migration's security rules driven through the whole bot from Slack (signed commands and
 * clicks in, Web API calls out to WireMock), with a real SSH server as the Omnibus host.
 */
class BotMigrationSecurityTest {

  private static final String STARTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";

  /** An operator who may also approve: the one who could approve what they caused. */
  private static final String RESUMER = "U0000BOTH";

  private static final String BACKUPS = "gitlab-backups";
  private static final List<String> BUCKETS =
      List.of("acme-uploads", "acme-artifacts", "acme-lfs", BACKUPS);
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);
  private static final Duration QUIET = Duration.ofSeconds(2);

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static OmnibusHostServer host;

  @TempDir Path dir;

  private ChartCluster cluster;
  private LogCapture logs;
  private RunningBot running;
  private SlackPeople people;

  @BeforeAll
  static void startHost() {
    host =
        OmnibusHostServer.startWithGitLabRbEnding(
            "gitlab_rails['smtp_password'] = \"CANARY-smtp-password-4e1\"\n"
                + "gitlab_rails['smtp_domain'] = \"example.com\"\n");
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
    // Other classes on the shared S3 server may have left the same buckets behind.
    BUCKETS.forEach(
        bucket -> {
          try {
            s3.client().createBucket(r -> r.bucket(bucket));
          } catch (BucketAlreadyOwnedByYouException e) {
            // already there
          }
        });
    cluster = new ChartCluster();
    cluster.pointBotHere();
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    logs = new LogCapture();
    running = RunningBot.start(dir, config(host.settings()), Map.of());
    people = new SlackPeople(running, STEP_WAIT);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> people.command(STARTER, "help").contains("migrate plan"));
  }

  @AfterEach
  void stop() {
    try {
      if (running != null) {
        running.close();
      }
    } finally {
      if (logs != null) {
        logs.close();
      }
      if (cluster != null) {
        cluster.close();
      }
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
  void stepApproval_askedBecauseOfAResume_isRefusedToTheResumerAndTheStarter() {
    String moveAside = startAndReachMoveAside();
    people.reject(APPROVER, moveAside);
    await().atMost(STEP_WAIT).until(() -> people.status(moveAside) == ApprovalStatus.REJECTED);

    people.command(RESUMER, "migrate resume");

    String again = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "1-4");
    assertThat(people.request(again).subject().requesterId()).isEqualTo(RESUMER);
    assertThat(people.request(again).subject().excludedApprovers())
        .containsExactlyInAnyOrder(RESUMER, STARTER);
    int callsBefore = host.calls().size();

    people.approve(RESUMER, again);
    people.approve(STARTER, again);

    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(
            () ->
                people.status(again) == ApprovalStatus.PENDING
                    && host.calls().size() == callsBefore);

    people.approve(APPROVER, again);

    String replaceSecret = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "3-1");
    assertThat(people.request(replaceSecret).subject().excludedApprovers())
        .as("the run goes on because of the resume: its next approvals exclude the resumer too")
        .containsExactlyInAnyOrder(RESUMER, STARTER);
    people.approve(RESUMER, replaceSecret);
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(5))
        .until(() -> people.status(replaceSecret) == ApprovalStatus.PENDING);
  }

  @Test
  void migration_whoseHostCommandsPrintTheSecrets_showsNoneInSlackLogsAuditOrStore()
      throws Exception {
    List<String> secrets = MigrationTestConfig.secretsOnTheHost();
    assertThat(secrets).as("the tokens and every line of the two PEM keys").hasSizeGreaterThan(40);
    host.printSecrets();

    people.approve(APPROVER, startAndReachMoveAside());
    people.approve(APPROVER, people.awaitApprovalRequest(MigrationStepApprovals.KIND, "3-1"));
    people.approve(APPROVER, people.awaitApprovalRequest(MigrationStepApprovals.KIND, "3-3"));

    SlackTraffic slack = people.traffic();
    await().atMost(STEP_WAIT).until(() -> slack.texts().contains("Migration completed"));
    assertThat(host.calls())
        .as("the commands that print the secrets ran")
        .contains(
            List.of("gitlab-ctl", "reconfigure"), List.of("gitlab-rake", "gitlab:lfs:migrate"));
    assertThat(slack.texts())
        .as("their output reached the run's thread, masked")
        .contains("gitlab Reconfigured!", "Migrated 3 LFS objects", "****")
        .contains("the bot's block as lines");
    String everything =
        slack.raw()
            + running.core.audit.recent(1000)
            + String.join("\n", logs.lines())
            + running.console
            + storeRows();
    assertThat(everything).doesNotContain("CANARY");
    secrets.forEach(secret -> assertThat(everything).doesNotContain(secret));
  }

  /** Every row the migration and its approvals left in the store, as text. */
  private String storeRows() throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection connection = running.core.database.dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : List.of("migration_run", "migration_step", "approval_request")) {
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              out.append(rows.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }

  /** The starter starts, the approver approves the plan; returns the step 1-4 request. */
  private String startAndReachMoveAside() {
    people.command(STARTER, "migrate start");
    String plan = people.awaitApprovalRequest(MigrationStartApproval.KIND, null);
    people.approve(APPROVER, plan);
    return people.awaitApprovalRequest(MigrationStepApprovals.KIND, "1-4");
  }

  private String config(SshSettings ssh) {
    return """
        access:
          teamId: %s
          roles:
            operator: {users: [%s, %s]}
            approver: {users: [%s, %s]}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: %s}
        aws: {region: eu-west-1, endpointOverride: "%s"}
        """
            .formatted(
                RunningBot.TEAM,
                STARTER,
                RESUMER,
                APPROVER,
                RESUMER,
                BACKUPS,
                s3.server().endpoint())
        + MigrationTestConfig.section(ssh);
  }
}
