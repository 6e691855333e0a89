package io.gitlabopsbot.alerts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitlabopsbot.config.AlertsConfig.AlertmanagerApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/** {@link Silences} through Alertmanager's v2 API ({@code /api/v2/silences}). */
public final class AlertmanagerSilences implements Silences {

  static final String PATH = "/api/v2/silences";
  private static final int MAX_ERROR_BODY = 200;

  private final HttpClient client;
  private final AlertmanagerApi api;
  private final Duration timeout;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param timeout how long creating a silence may take, connect included
   */
  public AlertmanagerSilences(HttpClient client, AlertmanagerApi api, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.api = Objects.requireNonNull(api, "api");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public String create(NewSilence silence) {
    ObjectNode body = json.createObjectNode();
    ArrayNode matchers = body.putArray("matchers");
    new TreeMap<>(silence.matchers())
        .forEach(
            (name, value) ->
                matchers
                    .addObject()
                    .put("name", name)
                    .put("value", value)
                    .put("isRegex", false)
                    .put("isEqual", true));
    body.put("startsAt", silence.startsAt().toString());
    body.put("endsAt", silence.endsAt().toString());
    body.put("createdBy", silence.createdBy());
    body.put("comment", silence.comment());
    HttpRequest request =
        request(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .build();
    JsonNode answer = send(request, "create a silence", timeout);
    String id = answer.path("silenceID").asText("");
    if (id.isBlank()) {
      throw new SilencesUnavailableException(
          "Alertmanager at " + where() + " accepted the silence but returned no silenceID", null);
    }
    return id;
  }

  @Override
  public List<Silence> active(Duration within) {
    JsonNode answer = send(request(within).GET().build(), "list silences", within);
    List<Silence> active = new ArrayList<>();
    for (JsonNode node : answer) {
      if (!"active".equals(node.path("status").path("state").asText())) {
        continue;
      }
      List<SilenceMatcher> matchers = new ArrayList<>();
      for (JsonNode m : node.path("matchers")) {
        matchers.add(
            new SilenceMatcher(
                m.path("name").asText(),
                m.path("value").asText(),
                m.path("isRegex").asBoolean(false),
                m.path("isEqual").asBoolean(true)));
      }
      active.add(
          new Silence(
              node.path("id").asText(),
              matchers,
              instant(node.path("startsAt")),
              instant(node.path("endsAt")),
              node.path("createdBy").asText(""),
              node.path("comment").asText("")));
    }
    return active;
  }

  @Override
  public String where() {
    return api.baseUrl().toString();
  }

  private HttpRequest.Builder request(Duration within) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + PATH))
            .timeout(within)
            .header("Accept", "application/json");
    if (api.token() != null) {
      request.header("Authorization", "Bearer " + api.token().value());
    } else if (api.user() != null && api.password() != null) {
      String pair = api.user().value() + ":" + api.password().value();
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private JsonNode send(HttpRequest request, String what, Duration within) {
    HttpResponse<String> response;
    try {
      // The client's own connect timeout may be longer; the whole exchange is bounded here.
      response =
          client
              .sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
              .get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw timedOut(what, within, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(what, within, cause);
      }
      throw new SilencesUnavailableException(
          "Could not "
              + what
              + ": Alertmanager at "
              + where()
              + " cannot be reached ("
              + reason(cause)
              + "). Check alerts.alertmanager.url and that Alertmanager is up.",
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SilencesUnavailableException(
          "Interrupted while waiting for Alertmanager at " + where() + " to " + what, e);
    }
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new SilencesUnavailableException(
          "Could not "
              + what
              + ": Alertmanager at "
              + where()
              + " refused the bot's credentials (HTTP "
              + status
              + "). Check ALERTMANAGER_API_TOKEN or ALERTMANAGER_API_USER/PASSWORD.",
          null);
    }
    if (status / 100 != 2) {
      throw new SilencesUnavailableException(
          "Could not "
              + what
              + ": Alertmanager at "
              + where()
              + " answered HTTP "
              + status
              + excerpt(response.body())
              + ". Try again in a minute.",
          null);
    }
    try {
      return json.readTree(response.body());
    } catch (JacksonException e) {
      throw new SilencesUnavailableException(
          "Could not "
              + what
              + ": Alertmanager at "
              + where()
              + " answered with something that is not JSON; is the URL Alertmanager's?",
          e);
    }
  }

  private SilencesUnavailableException timedOut(String what, Duration within, Throwable cause) {
    return new SilencesUnavailableException(
        "Could not "
            + what
            + ": Alertmanager at "
            + where()
            + " did not answer within "
            + within.toMillis()
            + " ms. Try again in a minute.",
        cause);
  }

  private static String reason(Throwable cause) {
    String message = cause.getMessage();
    if (cause instanceof IOException && (message == null || message.isBlank())) {
      return cause.getClass().getSimpleName();
    }
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  // Only a short, single-line start of the body: it goes into a Slack message and the log.
  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return ": " + (line.length() > MAX_ERROR_BODY ? line.substring(0, MAX_ERROR_BODY) + "…" : line);
  }

  private static Instant instant(JsonNode node) {
    try {
      return node.isTextual() ? java.time.OffsetDateTime.parse(node.asText()).toInstant() : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
