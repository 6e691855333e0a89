package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.SettingsLoader;
import io.gitlabopsbot.net.EnvironmentProxy;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approve/Reject buttons through the whole bot: signed clicks in, chat.update out. */
class BotApprovalTest {

  private static final String SECRET = "CANARY-signing-secret-approval";
  private static final String TEAM = "T0000TEAM";
  private static final String CHANNEL = "C0000OPS1";
  private static final String REQUESTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";

  @TempDir Path dir;

  private final WireMockServer slackApi = new WireMockServer(options().dynamicPort());
  private Core core;
  private Bot bot;
  private SignedSlackRequests slack;
  private Approvals approvals;

  @BeforeEach
  void start() throws Exception {
    slackApi.start();
    for (String method : new String[] {"auth.test", "chat.update", "chat.postMessage"}) {
      slackApi.stubFor(
          post(urlPathEqualTo("/api/" + method))
              .willReturn(
                  aResponse()
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"ok\":true,\"team_id\":\""
                              + TEAM
                              + "\",\"channel\":\""
                              + CHANNEL
                              + "\",\"ts\":\"1700000000.000100\"}")));
    }
    Path config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        slack: {mode: http, apiBaseUrl: "%s/api/"}
        http: {bindAddress: 127.0.0.1, port: 0}
        store: {jdbcUrl: "jdbc:h2:mem:approval-%s"}
        access:
          teamId: %s
          roles:
            operator: {users: [%s]}
            approver: {users: [%s]}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        """
            .formatted(slackApi.baseUrl(), UUID.randomUUID(), TEAM, REQUESTER, APPROVER));
    Map<String, String> env =
        Map.of("SLACK_BOT_TOKEN", "xoxb-CANARY-1", "SLACK_SIGNING_SECRET", SECRET);
    Settings settings =
        new SettingsLoader(env, EnvironmentProxy::fromEnvironment).load(config, false);
    core = new Core(settings, Clock.systemUTC());
    bot = Bot.start(core, new PrintStream(new ByteArrayOutputStream()));
    slack =
        new SignedSlackRequests(
            SECRET, URI.create("http://127.0.0.1:" + bot.httpPort() + "/slack/events"));
    approvals =
        new Approvals(
            new JdbcApprovalStore(core.database.dataSource()),
            core.access(group -> Set.of()),
            core.audit,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    bot.close();
    slackApi.stop();
  }

  @Test
  void approverClick_approvesAndUpdatesTheOriginalMessage() {
    ApprovalRequest request = approvals.request(subject(), Duration.ofMinutes(15));

    var response =
        slack.post(
            SignedSlackRequests.blockAction(
                TEAM, CHANNEL, APPROVER, ApprovalMessages.APPROVE, request.id()),
            Instant.now());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.APPROVED);
    slackApi.verify(
        postRequestedFor(urlPathEqualTo("/api/chat.update"))
            .withRequestBody(containing("ts=1700000000.000100"))
            .withRequestBody(containing("Approved")));
  }

  @Test
  void requesterClick_changesNothing() {
    ApprovalRequest request = approvals.request(subject(), Duration.ofMinutes(15));

    var response =
        slack.post(
            SignedSlackRequests.blockAction(
                TEAM, CHANNEL, REQUESTER, ApprovalMessages.APPROVE, request.id()),
            Instant.now());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(approvals.find(request.id()).orElseThrow().status())
        .isEqualTo(ApprovalStatus.PENDING);
    slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.update")));
  }

  @Test
  void forgedValue_isRefusedWithoutChangingAnything() {
    var response =
        slack.post(
            SignedSlackRequests.blockAction(
                TEAM, CHANNEL, APPROVER, ApprovalMessages.APPROVE, "'; DROP TABLE x"),
            Instant.now());

    assertThat(response.statusCode()).isEqualTo(200);
    slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.update")));
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
