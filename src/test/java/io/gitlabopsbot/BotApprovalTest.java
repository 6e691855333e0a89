package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approve/Reject buttons through the whole bot: signed clicks in, chat.update out. */
class BotApprovalTest {

  private static final String TEAM = RunningBot.TEAM;
  private static final String CHANNEL = RunningBot.CHANNEL;
  private static final String REQUESTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";

  @TempDir Path dir;

  private RunningBot running;
  private WireMockServer slackApi;
  private SignedSlackRequests slack;
  private Approvals approvals;

  @BeforeEach
  void start() throws Exception {
    running =
        RunningBot.start(
            dir,
            """
            access:
              teamId: %s
              roles:
                operator: {users: [%s]}
                approver: {users: [%s]}
            targets:
              list:
                - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
            """
                .formatted(TEAM, REQUESTER, APPROVER),
            Map.of());
    slackApi = running.slackApi;
    slack = running.slack;
    approvals =
        new Approvals(
            new JdbcApprovalStore(running.core.database.dataSource()),
            running.core.access(group -> Set.of()),
            running.core.audit,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    running.close();
  }

  @Test
  void approverClick_approvesAndUpdatesTheOriginalMessage() {
    ApprovalRequest request = approvals.request(subject(), Duration.ofMinutes(15));

    assertThat(click(APPROVER, request.id())).isEqualTo(200);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.APPROVED);
    slackApi.verify(
        postRequestedFor(urlPathEqualTo("/api/chat.update"))
            .withRequestBody(containing("ts=" + RunningBot.MESSAGE_TS))
            .withRequestBody(containing("Approved")));
  }

  @Test
  void requesterClick_changesNothing() {
    ApprovalRequest request = approvals.request(subject(), Duration.ofMinutes(15));

    assertThat(click(REQUESTER, request.id())).isEqualTo(200);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
    slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.update")));
  }

  @Test
  void forgedValue_isRefusedWithoutChangingAnything() {
    assertThat(click(APPROVER, "'; DROP TABLE x")).isEqualTo(200);
    slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.update")));
  }

  private int click(String user, String value) {
    return slack
        .post(
            SignedSlackRequests.blockAction(TEAM, CHANNEL, user, ApprovalMessages.APPROVE, value),
            Instant.now())
        .statusCode();
  }

  private static ApprovalSubject subject() {
    return new ApprovalSubject(
        "restore",
        "gitlab",
        "gitlab",
        "gitlab",
        Map.of("backup", "1795568403_2026_11_25_17.5.2"),
        REQUESTER,
        "c-test");
  }
}
