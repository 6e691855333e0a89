package io.gitlabopsbot;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.gitlabopsbot.approval.ApprovalMessages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the bot sent to Slack's Web API (WireMock), read back as Slack would read it. */
final class SlackTraffic {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer slackApi;

  SlackTraffic(WireMockServer slackApi) {
    this.slackApi = slackApi;
  }

  /** One Web API call: its method ({@code chat.postMessage}) and its decoded form fields. */
  record Call(String method, Map<String, String> fields) {

    /** The text and every text inside the blocks, unescaped, one per line. */
    String texts() {
      StringBuilder out = new StringBuilder(fields.getOrDefault("text", "")).append('\n');
      collect(blocks(), out);
      return out.toString();
    }

    JsonNode blocks() {
      try {
        String blocks = fields.get("blocks");
        return blocks == null ? JSON.createArrayNode() : JSON.readTree(blocks);
      } catch (IOException e) {
        throw new UncheckedIOException("the bot sent blocks that are not JSON", e);
      }
    }
  }

  /** Every call so far, oldest first. */
  List<Call> calls() {
    List<LoggedRequest> requests = new ArrayList<>(slackApi.findAll(anyRequestedFor(anyUrl())));
    requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
    return requests.stream()
        .map(r -> new Call(r.getUrl().replaceFirst("^/api/", ""), form(r.getBodyAsString())))
        .toList();
  }

  /** Every raw request (URL and body, undecoded), to search for what must never be sent. */
  String raw() {
    StringBuilder out = new StringBuilder();
    for (LoggedRequest r : slackApi.findAll(anyRequestedFor(anyUrl()))) {
      out.append(r.getUrl()).append('\n').append(r.getBodyAsString()).append('\n');
      out.append(URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8)).append('\n');
    }
    return out.toString();
  }

  /** Every message text posted or updated so far, joined. */
  String texts() {
    StringBuilder out = new StringBuilder();
    calls().forEach(call -> out.append(call.texts()).append('\n'));
    return out.toString();
  }

  /** The request IDs on the Approve buttons of every message posted so far, oldest first. */
  Set<String> approveButtons() {
    return buttons(ApprovalMessages.APPROVE);
  }

  /** The values of the buttons with {@code actionId} on every message posted so far. */
  Set<String> buttons(String actionId) {
    Set<String> ids = new LinkedHashSet<>();
    for (Call call : calls()) {
      if (call.method().equals("chat.postMessage")) {
        for (JsonNode element : call.blocks().findValues("elements")) {
          element.forEach(
              e -> {
                if (actionId.equals(e.path("action_id").asText())) {
                  ids.add(e.path("value").asText());
                }
              });
        }
      }
    }
    return ids;
  }

  private static void collect(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      out.append(node.asText()).append('\n');
    }
    node.forEach(child -> collect(child, out));
  }

  private static Map<String, String> form(String body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return fields;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      fields.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }
}
