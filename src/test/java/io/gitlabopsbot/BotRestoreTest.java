package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.restore.JdbcRestoreOperations;
import io.gitlabopsbot.restore.RestoreOperation;
import io.gitlabopsbot.restore.RestoreOperations;
import io.gitlabopsbot.restore.RestorePlan;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore approvals through the whole bot: signed clicks into the real Bolt app. Only an approval
 * by a second person with the approver role starts a restore, and only once.
 */
class BotRestoreTest {

  private static final String TEAM = RunningBot.TEAM;
  private static final String CHANNEL = RunningBot.CHANNEL;
  private static final String REQUESTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";
  private static final String OTHER_OPERATOR = "U0000OPR2";
  private static final TargetSettings TARGET =
      new TargetSettings("gitlab", "gitlab", "gitlab", "app=toolbox", "gitlab-backups", "rails");
  private static final Duration QUIET = Duration.ofSeconds(2);

  @TempDir Path dir;

  private RunningBot running;
  private Approvals approvals;
  private RestoreOperations operations;

  @BeforeEach
  void start() throws Exception {
    running =
        RunningBot.start(
            dir,
            """
            access:
              teamId: %s
              roles:
                operator: {users: [%s, %s]}
                approver: {users: [%s]}
            targets:
              list:
                - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
            """
                .formatted(TEAM, REQUESTER, OTHER_OPERATOR, APPROVER),
            Map.of());
    approvals =
        new Approvals(
            new JdbcApprovalStore(running.core.database.dataSource()),
            running.core.access(group -> Set.of()),
            running.core.audit,
            Clock.systemUTC());
    operations = new JdbcRestoreOperations(running.core.database.dataSource(), Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    running.close();
  }

  private ApprovalRequest requestRestore(Duration ttl) {
    RestorePlan plan =
        new RestorePlan(
            TARGET,
            "1795568403_2026_11_25_17.5.2",
            "gitlab-backups",
            "17.5.2",
            List.of(),
            false,
            List.of("gitlab-webservice-default", "gitlab-sidekiq-all-in-1-v2"),
            List.of(),
            REQUESTER,
            "corr-e2e");
    ApprovalRequest request = approvals.request(plan.toSubject(), ttl);
    approvals.attachMessage(request.id(), CHANNEL, RunningBot.MESSAGE_TS);
    return request;
  }

  private void click(String user, String value) {
    assertThat(
            running
                .slack
                .post(
                    SignedSlackRequests.blockAction(
                        TEAM, CHANNEL, user, ApprovalMessages.APPROVE, value),
                    Instant.now())
                .statusCode())
        .isEqualTo(200);
  }

  private void assertNothingRuns(ApprovalRequest request) {
    await()
        .during(QUIET)
        .atMost(QUIET.plusSeconds(3))
        .until(() -> operations.find(request.id()).isEmpty());
  }

  @Test
  void approverClick_claimsTheApprovalAndRunsTheRestoreExactlyOnce() {
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    click(APPROVER, request.id());

    // No cluster is reachable here, so the run stops in its first phase, before touching GitLab.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> approvals.find(request.id()).orElseThrow().status() == ApprovalStatus.COMPLETED);
    RestoreOperation run = operations.find(request.id()).orElseThrow();
    assertThat(run.status()).isEqualTo(RestoreOperation.Status.FAILED);
    assertThat(run.replicas()).isEmpty();
    await().atMost(Duration.ofSeconds(10)).until(() -> reports() == 1);

    click(APPROVER, request.id());

    await().during(QUIET).atMost(QUIET.plusSeconds(3)).until(() -> reports() == 1);
  }

  /** How many times the end of a restore was reported in Slack. */
  private int reports() {
    return (int)
        running.slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/chat.update"))).stream()
            .map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8))
            .filter(body -> body.contains("GitLab was not touched"))
            .count();
  }

  @Test
  void requesterApprovingOwnRequest_runsNothing() {
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    click(REQUESTER, request.id());

    assertNothingRuns(request);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void operatorWithoutApproverRole_runsNothing() {
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    click(OTHER_OPERATOR, request.id());

    assertNothingRuns(request);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void expiredRequest_runsNothing() {
    ApprovalRequest request = requestRestore(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(request.expiresAt()));

    click(APPROVER, request.id());

    assertNothingRuns(request);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.EXPIRED);
  }

  @Test
  void tamperedRequest_runsNothing() throws Exception {
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));
    try (Connection connection = running.core.database.dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE approval_request SET parameters = REPLACE(parameters, '1795568403',"
                    + " '1700000000') WHERE id = ?")) {
      update.setString(1, request.id());
      assertThat(update.executeUpdate()).isEqualTo(1);
    }

    click(APPROVER, request.id());

    assertNothingRuns(request);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
  }
}
