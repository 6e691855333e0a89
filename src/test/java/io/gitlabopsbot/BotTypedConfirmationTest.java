package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.restore.RestorePlan;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore.typedConfirmation} through the whole bot: a signed Approve click opens a dialog
 * (views.open on the Slack Web API), and only the signed submission of the exact backup ID
 * approves.
 */
class BotTypedConfirmationTest {

  private static final String TEAM = RunningBot.TEAM;
  private static final String CHANNEL = RunningBot.CHANNEL;
  private static final String REQUESTER = "U0000OPER";
  private static final String APPROVER = "U0000APPR";
  private static final String BACKUP = "1795568403_2026_11_25_17.5.2";
  private static final TargetSettings TARGET =
      new TargetSettings("gitlab", "gitlab", "gitlab", "app=toolbox", "gitlab-backups", "rails");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private RunningBot running;
  private Approvals approvals;

  private void start(boolean typedConfirmation) throws Exception {
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
            restore: {typedConfirmation: %s}
            """
                .formatted(TEAM, REQUESTER, APPROVER, typedConfirmation),
            Map.of());
    running.slackApi.stubFor(
        post(urlPathEqualTo("/api/views.open"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":true,\"view\":{\"id\":\"V0000VIEW\"}}")));
    approvals =
        new Approvals(
            new JdbcApprovalStore(running.core.database.dataSource()),
            running.core.access(group -> Set.of()),
            running.core.audit,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private ApprovalRequest requestRestore(Duration ttl) {
    RestorePlan plan =
        new RestorePlan(
            TARGET,
            BACKUP,
            "gitlab-backups",
            "17.5.2",
            List.of(),
            false,
            List.of("gitlab-webservice-default"),
            List.of(),
            REQUESTER,
            "corr-typed");
    ApprovalRequest request = approvals.request(plan.toSubject(), ttl);
    approvals.attachMessage(request.id(), CHANNEL, RunningBot.MESSAGE_TS);
    return request;
  }

  @Test
  void approveClick_opensTheDialogWithOnlyTheApprovalId_andDecidesNothing() throws Exception {
    start(true);
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    clickApprove(APPROVER, request.id());

    List<LoggedRequest> opened =
        running.slackApi.findAll(postRequestedFor(urlPathEqualTo("/api/views.open")));
    assertThat(opened).hasSize(1);
    String body = URLDecoder.decode(opened.get(0).getBodyAsString(), StandardCharsets.UTF_8);
    assertThat(body)
        .contains("trigger_id=1.2.3")
        .doesNotContain(RunningBot.BOT_TOKEN)
        .doesNotContain(RunningBot.SIGNING_SECRET);
    JsonNode view = JSON.readTree(formField(opened.get(0).getBodyAsString(), "view"));
    assertThat(view.path("type").asText()).isEqualTo("modal");
    assertThat(view.path("callback_id").asText()).isEqualTo(ConfirmationDialog.CALLBACK_ID);
    assertThat(view.path("private_metadata").asText()).isEqualTo(request.id());
    assertThat(view.toString()).contains(BACKUP).contains("Type the backup ID to approve");
    assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
    running.slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.update")));
  }

  @Test
  void submittingTheBackupId_approvesAndUpdatesTheApprovalMessage() throws Exception {
    start(true);
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));
    clickApprove(APPROVER, request.id());

    HttpResponse<String> response = submit(APPROVER, request.id(), " " + BACKUP + " ");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain("errors");
    ApprovalRequest decided = approvals.find(request.id()).orElseThrow();
    assertThat(decided.status()).isNotEqualTo(ApprovalStatus.PENDING);
    assertThat(decided.decidedBy()).isEqualTo(APPROVER);
    running.slackApi.verify(
        postRequestedFor(urlPathEqualTo("/api/chat.update"))
            .withRequestBody(containing("ts=" + RunningBot.MESSAGE_TS))
            .withRequestBody(containing("Approved")));
    // The approved restore runs (and fails at once: no cluster here); let it end before closing.
    await().atMost(Duration.ofSeconds(30)).until(() -> status(request) == ApprovalStatus.COMPLETED);
  }

  @Test
  void submittingAnotherText_showsAFieldErrorAndLeavesTheRequestPending() throws Exception {
    start(true);
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    HttpResponse<String> response = submit(APPROVER, request.id(), "1795568403");

    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("response_action").asText()).isEqualTo("errors");
    assertThat(answer.path("errors").path(ConfirmationDialog.BLOCK_ID).asText())
        .startsWith("That is not the backup ID of this request; nothing was decided.");
    assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
    running.slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.update")));
  }

  @Test
  void requesterSubmittingTheRightId_isRefused() throws Exception {
    start(true);
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    HttpResponse<String> response = submit(REQUESTER, request.id(), BACKUP);

    JsonNode answer = JSON.readTree(response.body());
    assertThat(answer.path("response_action").asText()).isEqualTo("update");
    assertThat(answer.path("view").toString()).contains("You cannot decide your own request");
    assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
  }

  @Test
  void submittingAfterExpiry_isRefusedAndTheMessageSaysExpired() throws Exception {
    start(true);
    ApprovalRequest request = requestRestore(Duration.ofMillis(1));
    await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(request.expiresAt()));

    HttpResponse<String> response = submit(APPROVER, request.id(), BACKUP);

    assertThat(JSON.readTree(response.body()).path("view").toString()).contains("has expired");
    assertThat(status(request)).isEqualTo(ApprovalStatus.EXPIRED);
    running.slackApi.verify(
        postRequestedFor(urlPathEqualTo("/api/chat.update"))
            .withRequestBody(containing("Approval%20expired")));
  }

  @Test
  void withTheOptionOff_oneClickApproves() throws Exception {
    start(false);
    ApprovalRequest request = requestRestore(Duration.ofMinutes(15));

    clickApprove(APPROVER, request.id());

    assertThat(status(request)).isNotEqualTo(ApprovalStatus.PENDING);
    running.slackApi.verify(0, postRequestedFor(urlPathEqualTo("/api/views.open")));
    await().atMost(Duration.ofSeconds(30)).until(() -> status(request) == ApprovalStatus.COMPLETED);
  }

  private ApprovalStatus status(ApprovalRequest request) {
    return approvals.find(request.id()).orElseThrow().status();
  }

  private void clickApprove(String user, String id) {
    HttpResponse<String> response =
        running.slack.post(
            SignedSlackRequests.blockAction(TEAM, CHANNEL, user, ApprovalMessages.APPROVE, id),
            Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** A signed {@code view_submission} of the dialog, as Slack sends it. */
  private HttpResponse<String> submit(String user, String approvalId, String typed)
      throws Exception {
    Map<String, Object> payload =
        Map.of(
            "type",
            "view_submission",
            "team",
            Map.of("id", TEAM, "domain", "testteam"),
            "user",
            Map.of("id", user, "username", "user-" + user, "team_id", TEAM),
            "api_app_id",
            "A0TESTAPP",
            "token",
            "verification-token-not-used",
            "trigger_id",
            "1.2.4",
            "view",
            Map.of(
                "id",
                "V0000VIEW",
                "team_id",
                TEAM,
                "type",
                "modal",
                "callback_id",
                ConfirmationDialog.CALLBACK_ID,
                "private_metadata",
                approvalId,
                "state",
                Map.of(
                    "values",
                    Map.of(
                        ConfirmationDialog.BLOCK_ID,
                        Map.of(
                            ConfirmationDialog.ACTION_ID,
                            Map.of("type", "plain_text_input", "value", typed))))),
            "response_urls",
            List.of());
    String body =
        "payload=" + URLEncoder.encode(JSON.writeValueAsString(payload), StandardCharsets.UTF_8);
    HttpResponse<String> response = running.slack.post(body, Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
    return response;
  }

  private static String formField(String form, String name) {
    return Arrays.stream(form.split("&"))
        .filter(pair -> pair.startsWith(name + "="))
        .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + form));
  }
}
