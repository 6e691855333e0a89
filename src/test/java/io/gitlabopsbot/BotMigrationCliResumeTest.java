package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.approval.ApprovalDecision;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.SettingsLoader;
import io.gitlabopsbot.migration.JdbcMigrationRuns;
import io.gitlabopsbot.migration.MigrationRun;
import io.gitlabopsbot.migration.MigrationStartApproval;
import io.gitlabopsbot.migration.MigrationStepApprovals;
import io.gitlabopsbot.migration.MigrationTestConfig;
import io.gitlabopsbot.migration.OmnibusHostServer;
import io.gitlabopsbot.migration.RunStatus;
import io.gitlabopsbot.migration.ServingBots;
import io.gitlabopsbot.net.EnvironmentProxy;
import io.gitlabopsbot.restore.ConsoleConfirmation;
import io.gitlabopsbot.ssh.SshSettings;
import io.gitlabopsbot.storage.S3TestServer;
import io.gitlabopsbot.storage.SharedS3Server;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gitlab-ops-bot run migrate resume} next to a serving bot on the same store: the approval
 * request it leads to reaches Slack (Approve and Reject buttons, in the run's channel), and the run
 * is handed to the bot instead of running its steps in the terminal.
 */
class BotMigrationCliResumeTest {

  private static final String REQUESTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";
  private static final String CLI_USER = "alice";
  private static final String BACKUPS = "gitlab-backups";
  private static final List<String> BUCKETS =
      List.of("acme-uploads", "acme-artifacts", "acme-lfs", BACKUPS);
  private static final Duration STEP_WAIT = Duration.ofSeconds(40);

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();

  private static OmnibusHostServer host;

  @TempDir Path dir;

  private ChartCluster cluster;
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
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
    running = RunningBot.start(dir, config(host.settings()), Map.of());
    people = new SlackPeople(running, STEP_WAIT);
    slack = people.traffic();
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
  void cliResume_whileTheBotServes_handsTheRunToTheBot_whichAsksForApprovalInSlack()
      throws Exception {
    pausedAtStep13();

    Cli cli = runCli("migrate resume", null);

    assertThat(cli.exitCode()).as(cli.output()).isEqualTo(Main.EXIT_OK);
    assertThat(cli.output())
        .contains("handed to the serving bot")
        .as("no step ran in the terminal")
        .doesNotContain("Migrated 3 LFS objects", "Approve");
    String moveAside = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "1-4");
    assertThat(slack.buttons(ApprovalMessages.APPROVE)).contains(moveAside);
    assertThat(slack.buttons(ApprovalMessages.REJECT)).contains(moveAside);
    assertThat(host.calls())
        .filteredOn(call -> call.equals(List.of("gitlab-rake", "gitlab:lfs:migrate")))
        .as("the failed task, then the bot's retry")
        .hasSize(2);
    assertThat(run().status()).isEqualTo(RunStatus.WAITING_APPROVAL);
    assertRequesterAndCliCannotApprove(moveAside);
  }

  @Test
  void cliResume_withNoBotServing_runsHere_butPostsTheApprovalRequestToSlack() throws Exception {
    pausedAtStep13();
    int postsBefore = slack.approveButtons().size();

    Cli cli = runCli("migrate resume", ServingBots.NONE);

    assertThat(cli.output()).contains("Migrated 3 LFS objects");
    assertThat(run().status()).isEqualTo(RunStatus.WAITING_APPROVAL);
    String moveAside = people.awaitApprovalRequest(MigrationStepApprovals.KIND, "1-4");
    assertThat(slack.approveButtons()).hasSize(postsBefore + 1);
    assertThat(slack.buttons(ApprovalMessages.REJECT)).contains(moveAside);
    assertThat(cli.output()).as("shown in the terminal too").contains(moveAside);
    assertRequesterAndCliCannotApprove(moveAside);
  }

  /** Starts a run from Slack whose step 1-3 fails once, and waits until it is paused there. */
  private void pausedAtStep13() {
    host.failNext("gitlab-rake gitlab:lfs:migrate", 1, "rake aborted! Connection refused - S3");
    people.command(REQUESTER, "migrate start");
    String plan = people.awaitApprovalRequest(MigrationStartApproval.KIND, null);
    people.approve(APPROVER, plan);
    await().atMost(STEP_WAIT).until(() -> run() != null && run().status() == RunStatus.PAUSED);
  }

  private void assertRequesterAndCliCannotApprove(String approvalId) {
    people.approve(REQUESTER, approvalId);
    Approvals approvals =
        new Approvals(
            new JdbcApprovalStore(running.core.database.dataSource()),
            running.core.access(group -> Set.of()),
            running.core.audit,
            Clock.systemUTC());
    ApprovalDecision fromCli =
        approvals.decide(approvalId, new Caller(Caller.CLI, null, null, CLI_USER, CLI_USER), true);

    assertThat(fromCli).isNotInstanceOf(ApprovalDecision.Approved.class);
    assertThat(people.status(approvalId)).isEqualTo(ApprovalStatus.PENDING);
  }

  private MigrationRun run() {
    return new JdbcMigrationRuns(running.core.database.dataSource()).latest("gitlab").orElse(null);
  }

  /**
   * Runs the CLI in this JVM on the bot's store and Slack settings, as a second process would.
   *
   * @param servingBots null: the CLI looks for a serving bot itself (in the store)
   */
  private Cli runCli(String command, ServingBots servingBots) throws Exception {
    Map<String, String> env =
        Map.of(
            "SLACK_BOT_TOKEN", RunningBot.BOT_TOKEN,
            "SLACK_SIGNING_SECRET", RunningBot.SIGNING_SECRET,
            "USER", CLI_USER);
    Settings settings =
        new SettingsLoader(env, EnvironmentProxy::fromEnvironment)
            .load(dir.resolve("config.yaml"), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Core core = new Core(settings, Clock.systemUTC())) {
      PrintStream terminal = new PrintStream(out, true, StandardCharsets.UTF_8);
      ConsoleConfirmation confirmation = new ConsoleConfirmation(Duration.ofSeconds(1));
      CliRunner cli =
          servingBots == null
              ? new CliRunner(core, terminal, env, confirmation)
              : new CliRunner(core, terminal, env, confirmation, servingBots);
      int exitCode = cli.run(command);
      return new Cli(exitCode, out.toString(StandardCharsets.UTF_8));
    }
  }

  private record Cli(int exitCode, String output) {}

  private String config(SshSettings ssh) {
    return """
        access:
          teamId: %s
          roles:
            operator: {users: [%s]}
            approver: {users: [%s]}
          cliRoles: [viewer, operator]
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: %s}
        aws: {region: eu-west-1, endpointOverride: "%s"}
        """
            .formatted(RunningBot.TEAM, REQUESTER, APPROVER, BACKUPS, s3.server().endpoint())
        + MigrationTestConfig.section(ssh);
  }
}
