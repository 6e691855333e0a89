package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitlabopsbot.approval.ApprovalMessages;
import io.gitlabopsbot.approval.ApprovalRequest;
import io.gitlabopsbot.approval.ApprovalStatus;
import io.gitlabopsbot.approval.Approvals;
import io.gitlabopsbot.approval.JdbcApprovalStore;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * People in the ops channel of a {@link RunningBot}: they type slash commands and click Approve
 * (signed as Slack signs them), and see the approval requests the bot posts.
 */
final class SlackPeople {

  private final RunningBot running;
  private final SlackTraffic traffic;
  private final Approvals approvals;
  private final Duration wait;
  private final Set<String> seen = new HashSet<>();

  /**
   * @param wait how long a person waits for the bot to post an approval request
   */
  SlackPeople(RunningBot running, Duration wait) {
    this.running = running;
    this.traffic = new SlackTraffic(running.slackApi);
    this.approvals =
        new Approvals(
            new JdbcApprovalStore(running.core.database.dataSource()),
            running.core.access(group -> Set.of()),
            running.core.audit,
            Clock.systemUTC());
    this.wait = wait;
  }

  /** What the bot sent to Slack so far. */
  SlackTraffic traffic() {
    return traffic;
  }

  /** Runs {@code /gitlab <text>} as {@code user}; returns the texts of the immediate answer. */
  String command(String user, String text) {
    var response =
        running.slack.post(
            SignedSlackRequests.slashCommand(
                RunningBot.TEAM, RunningBot.CHANNEL, user, "/gitlab", text),
            Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
    StringBuilder texts = new StringBuilder();
    try {
      strings(new ObjectMapper().readTree(response.body()), texts);
    } catch (IOException e) {
      throw new UncheckedIOException("the bot answered a command with something not JSON", e);
    }
    return texts.toString();
  }

  /** Clicks Approve on the request {@code approvalId} as {@code user}. */
  void approve(String user, String approvalId) {
    var response =
        running.slack.post(
            SignedSlackRequests.blockAction(
                RunningBot.TEAM, RunningBot.CHANNEL, user, ApprovalMessages.APPROVE, approvalId),
            Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** Clicks Reject on the request {@code approvalId} as {@code user}. */
  void reject(String user, String approvalId) {
    var response =
        running.slack.post(
            SignedSlackRequests.blockAction(
                RunningBot.TEAM, RunningBot.CHANNEL, user, ApprovalMessages.REJECT, approvalId),
            Instant.now());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  /** The stored request {@code approvalId}. */
  ApprovalRequest request(String approvalId) {
    return approvals.find(approvalId).orElseThrow();
  }

  /**
   * Waits for an Approve button, not seen before, of a pending request of {@code kind} (and, when
   * not null, for migration step {@code step}); returns the request's ID.
   */
  String awaitApprovalRequest(String kind, String step) {
    String id =
        await()
            .atMost(wait)
            .until(
                () ->
                    traffic.approveButtons().stream()
                        .filter(candidate -> !seen.contains(candidate))
                        .filter(candidate -> pending(candidate, kind, step))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    seen.add(id);
    return id;
  }

  ApprovalStatus status(String approvalId) {
    return approvals.find(approvalId).orElseThrow().status();
  }

  private boolean pending(String id, String kind, String step) {
    Optional<ApprovalRequest> request = approvals.find(id);
    return request.isPresent()
        && request.get().status() == ApprovalStatus.PENDING
        && request.get().subject().kind().equals(kind)
        && (step == null || step.equals(request.get().subject().parameters().get("step")));
  }

  private static void strings(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      out.append(node.asText()).append('\n');
    }
    node.forEach(child -> strings(child, out));
  }
}
