package io.gitlabopsbot.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.app_backend.SlackSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds Slack request bodies (slash commands, block_actions interactions), signs them like Slack
 * does, and posts them to a running bot over real HTTP. Shared by tests of everything behind the
 * Slack endpoint.
 */
public final class SignedSlackRequests {

  /** Slack gives up on a request that is not acknowledged within this time. */
  public static final Duration ACK_DEADLINE = Duration.ofSeconds(3);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String signingSecret;
  private final URI baseUrl;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(ACK_DEADLINE)
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /**
   * @param baseUrl the bot's endpoint, e.g. {@code http://127.0.0.1:PORT/slack/events}
   */
  public SignedSlackRequests(String signingSecret, URI baseUrl) {
    this.signingSecret = signingSecret;
    this.baseUrl = baseUrl;
  }

  /** A form-encoded slash command body as Slack sends it. */
  public static String slashCommand(
      String teamId, String channelId, String userId, String command, String text) {
    var fields = new LinkedHashMap<String, String>();
    fields.put("token", "verification-token-not-used");
    fields.put("team_id", teamId);
    fields.put("team_domain", "testteam");
    fields.put("channel_id", channelId);
    fields.put("channel_name", "ops");
    fields.put("user_id", userId);
    fields.put("user_name", "user-" + userId);
    fields.put("command", command);
    fields.put("text", text);
    fields.put("api_app_id", "A0TESTAPP");
    fields.put("response_url", "https://hooks.slack.com/commands/" + teamId + "/1/abc");
    fields.put("trigger_id", "1.2.3");
    return form(fields);
  }

  /** A form-encoded {@code block_actions} interaction: a click on a button. */
  public static String blockAction(
      String teamId, String channelId, String userId, String actionId, String value) {
    var payload = new LinkedHashMap<String, Object>();
    payload.put("type", "block_actions");
    payload.put("team", Map.of("id", teamId, "domain", "testteam"));
    payload.put("user", Map.of("id", userId, "username", "user-" + userId, "team_id", teamId));
    payload.put("api_app_id", "A0TESTAPP");
    payload.put("token", "verification-token-not-used");
    payload.put(
        "container",
        Map.of("type", "message", "message_ts", "1700000000.000100", "channel_id", channelId));
    payload.put("trigger_id", "1.2.3");
    payload.put("channel", Map.of("id", channelId, "name", "ops"));
    payload.put("message", Map.of("type", "message", "ts", "1700000000.000100", "text", "x"));
    payload.put("response_url", "https://hooks.slack.com/actions/" + teamId + "/1/abc");
    payload.put(
        "actions",
        List.of(
            Map.of(
                "type",
                "button",
                "action_id",
                actionId,
                "block_id",
                "b1",
                "value",
                value,
                "action_ts",
                "1700000001.000200",
                "text",
                Map.of("type", "plain_text", "text", actionId))));
    try {
      return form(Map.of("payload", JSON.writeValueAsString(payload)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a test payload", e);
    }
  }

  /** The two signature headers Slack would send for {@code body} at {@code signedAt}. */
  public Map<String, String> signatureHeaders(String body, Instant signedAt) {
    String timestamp = Long.toString(signedAt.getEpochSecond());
    String signature = new SlackSignature.Generator(signingSecret).generate(timestamp, body);
    return Map.of(
        "X-Slack-Request-Timestamp", timestamp,
        "X-Slack-Signature", signature);
  }

  /** Posts {@code body} signed at {@code signedAt}. */
  public HttpResponse<String> post(String body, Instant signedAt) {
    return post(body, signatureHeaders(body, signedAt));
  }

  /** Posts {@code body} with exactly the given extra headers (for unsigned or tampered tests). */
  public HttpResponse<String> post(String body, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(baseUrl)
            .timeout(ACK_DEADLINE)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("POST " + baseUrl + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting to " + baseUrl, e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
