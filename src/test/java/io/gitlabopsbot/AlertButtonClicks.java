package io.gitlabopsbot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.gitlabopsbot.slack.SignedSlackRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Drives alert buttons of a {@link RunningBot}: sends Alertmanager notifications, finds the button
 * values the bot posted, and clicks them with signed {@code block_actions} whose {@code
 * response_url} points at the Slack WireMock, so private answers can be read back.
 */
final class AlertButtonClicks {

  static final String RESPOND_PATH = "/respond";
  private static final ObjectMapper JSON = new ObjectMapper();

  final RunningBot running;
  private final String webhookToken;

  RunningBot running() {
    return running;
  }

  AlertButtonClicks(RunningBot running, String webhookToken) {
    this.running = running;
    this.webhookToken = webhookToken;
    running.slackApi.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(RESPOND_PATH))
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("ok")));
  }

  /** Posts a fixture notification with its alert name replaced, so each test has its own group. */
  int notify(String fixture, String alertname) throws Exception {
    String body =
        Files.readString(Path.of("src/test/resources/fixtures/alertmanager/" + fixture))
            .replace("GitlabDown", alertname);
    HttpRequest request =
        HttpRequest.newBuilder(running.uri("/alerts/alertmanager"))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + webhookToken)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return java.net.http.HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The value of button {@code actionId} in the newest Slack post or update that has it. */
  Optional<String> buttonValue(String actionId) {
    for (ServeEvent event : running.slackApi.getAllServeEvents()) {
      String blocks = form(event.getRequest().getBodyAsString(), "blocks");
      if (blocks == null || !blocks.contains(actionId)) {
        continue;
      }
      try {
        for (JsonNode block : JSON.readTree(blocks)) {
          for (JsonNode element : block.path("elements")) {
            if (actionId.equals(element.path("action_id").asText())) {
              return Optional.of(element.path("value").asText());
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Optional.empty();
  }

  /** A signed click by {@code user} in {@code channel}; returns the HTTP status of the ack. */
  int click(String user, String channel, String actionId, String value) {
    String body = SignedSlackRequests.blockAction(RunningBot.TEAM, channel, user, actionId, value);
    String payload = form(body, "payload");
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(payload);
      json.put("response_url", running.slackApi.baseUrl() + RESPOND_PATH);
      // Slack gives every click its own trigger, so two clicks on one button are two requests.
      json.put("trigger_id", "trigger-" + java.util.UUID.randomUUID());
      String signed =
          "payload=" + URLEncoder.encode(JSON.writeValueAsString(json), StandardCharsets.UTF_8);
      return running.slack.post(signed, Instant.now()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the bot told clickers privately (response_url bodies), oldest first. */
  List<String> privateAnswers() {
    List<ServeEvent> events = new java.util.ArrayList<>(running.slackApi.getAllServeEvents());
    java.util.Collections.reverse(events);
    return events.stream()
        .filter(e -> e.getRequest().getUrl().startsWith(RESPOND_PATH))
        .map(e -> e.getRequest().getBodyAsString())
        .toList();
  }

  /** Bodies of Slack Web API calls to {@code method} (e.g. chat.update), decoded, oldest first. */
  List<String> calls(String method) {
    List<ServeEvent> events = new java.util.ArrayList<>(running.slackApi.getAllServeEvents());
    java.util.Collections.reverse(events);
    return events.stream()
        .filter(e -> e.getRequest().getUrl().equals("/api/" + method))
        .map(e -> URLDecoder.decode(e.getRequest().getBodyAsString(), StandardCharsets.UTF_8))
        .toList();
  }

  private static String form(String body, String field) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(field)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
