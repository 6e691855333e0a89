package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertmanagerFixtures.FIRING;
import static io.gitlabopsbot.alerts.AlertmanagerFixtures.RESOLVED;
import static io.gitlabopsbot.alerts.AlertmanagerFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.HttpSettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.LogCapture;
import io.gitlabopsbot.store.TestDatabases;
import io.gitlabopsbot.web.HttpFront;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertmanagerEndpointTest {

  private static final String TOKEN = "s3cr3t-webhook-token";
  private static final String BEARER = "Bearer " + TOKEN;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Database database = TestDatabases.h2();
  private final JdbcAlertInbox inbox =
      new JdbcAlertInbox(
          database.dataSource(),
          new AlertRoutes(new AlertRoutingSettings("C-ALERTS", null, null)),
          Clock.systemUTC(),
          registry);
  private HttpFront front;

  @AfterEach
  void stop() {
    if (front != null) {
      front.close();
    }
    database.close();
  }

  @Test
  void post_withBearerToken_storesTheAlertThenAnswers200_andLogsWithoutTheToken() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), null, null));
    try (var logs = new LogCapture()) {
      var response = post(BEARER, "application/json", bytes(FIRING));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"alerts\":1,\"new\":1}");
      assertThat(inbox.pending(10))
          .singleElement()
          .satisfies(p -> assertThat(p.event().title()).isEqualTo("GitlabDown"));
      assertThat(logs.lines())
          .contains(
              "Alertmanager notification [receiver=bot, groupKey={}:{alertname=\"GitlabDown\"},"
                  + " alerts=1, new=1]");
      assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
    }
  }

  @Test
  void post_withBasicAuth_isAccepted() throws Exception {
    start(new WebhookAuth(null, new Secret("am"), new Secret("pw")));
    String basic =
        "Basic " + Base64.getEncoder().encodeToString("am:pw".getBytes(StandardCharsets.UTF_8));

    assertThat(post(basic, "application/json; charset=utf-8", bytes(FIRING)).statusCode())
        .isEqualTo(200);
  }

  @Test
  void post_withWrongOrMissingCredentials_is401WithFixedBody_andStoresNothing() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), new Secret("am"), new Secret("pw")));

    var wrong = post("Bearer guess-" + TOKEN, "application/json", bytes(FIRING));
    var missing = post(null, "application/json", bytes(FIRING));

    for (var response : java.util.List.of(wrong, missing)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.body()).isEqualTo(AlertmanagerEndpoint.UNAUTHORIZED_BODY);
    }
    assertThat(inbox.pending(10)).isEmpty();
    assertThat(rejected("unauthorized")).isEqualTo(2.0);
  }

  @Test
  void post_whenNoCredentialConfigured_refusesEvenAnEmptyBearer() throws Exception {
    start(new WebhookAuth(null, null, null));

    assertThat(post("Bearer ", "application/json", bytes(FIRING)).statusCode()).isEqualTo(401);
    assertThat(post(null, "application/json", bytes(FIRING)).statusCode()).isEqualTo(401);
    assertThat(inbox.pending(10)).isEmpty();
  }

  @Test
  void post_whenNotJson_is415_checkedAfterAuth() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), null, null));

    assertThat(post(BEARER, "text/plain", bytes(FIRING)).statusCode()).isEqualTo(415);
    assertThat(post(null, "text/plain", bytes(FIRING)).statusCode()).isEqualTo(401);
    assertThat(rejected("unsupported_media_type")).isEqualTo(1.0);
  }

  @Test
  void post_whenMalformed_is400WithShortReason() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), null, null));

    var broken = post(BEARER, "application/json", "{\"alerts\":[".getBytes(StandardCharsets.UTF_8));
    var noAlerts =
        post(BEARER, "application/json", "{\"receiver\":\"bot\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).startsWith("malformed alert payload: body is not an Alertmanager");
    assertThat(noAlerts.statusCode()).isEqualTo(400);
    assertThat(noAlerts.body())
        .isEqualTo("malformed alert payload: payload has no \"alerts\" array");
    assertThat(rejected("malformed")).isEqualTo(2.0);
  }

  @Test
  void post_withUnknownFieldsOrWithoutOptionalFields_isAccepted() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), null, null));
    byte[] extra =
        AlertmanagerFixtures.text(FIRING)
            .replace("\"version\": \"4\",", "\"version\": \"5\", \"tenant\": {\"id\": 7},")
            .getBytes(StandardCharsets.UTF_8);
    byte[] minimal =
        "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"X\"}}]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(post(BEARER, "application/json", extra).statusCode()).isEqualTo(200);
    assertThat(post(BEARER, "application/json", minimal).statusCode()).isEqualTo(200);
    assertThat(inbox.pending(10))
        .extracting(p -> p.event().title())
        .containsExactly("GitlabDown", "X");
  }

  @Test
  void post_whenNotificationRepeated_storesOnce_butRefireAndResolveAreNew() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), null, null));

    assertThat(post(BEARER, "application/json", bytes(FIRING)).body()).endsWith("\"new\":1}");
    assertThat(post(BEARER, "application/json", bytes(FIRING)).body()).endsWith("\"new\":0}");
    assertThat(post(BEARER, "application/json", bytes(RESOLVED)).body()).endsWith("\"new\":1}");
    byte[] refire = AlertmanagerFixtures.refired("2026-11-25T18:00:00Z");
    assertThat(post(BEARER, "application/json", refire).body()).endsWith("\"new\":1}");

    assertThat(inbox.pending(10))
        .extracting(p -> p.event().status().name())
        .containsExactly("FIRING", "RESOLVED", "FIRING");
    assertThat(counter(AlertMetrics.RECEIVED)).isEqualTo(4.0);
    assertThat(counter(AlertMetrics.DUPLICATE)).isEqualTo(1.0);
  }

  @Test
  void post_whenDatabaseClosed_is503SoAlertmanagerRetries() throws Exception {
    start(new WebhookAuth(new Secret(TOKEN), null, null));
    database.close();

    var response = post(BEARER, "application/json", bytes(FIRING));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("retry-after")).hasValue("10");
    assertThat(rejected("unavailable")).isEqualTo(1.0);
  }

  private void start(WebhookAuth auth) {
    front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);
    new AlertmanagerEndpoint(auth, inbox, registry).register(front);
    front.start();
  }

  private HttpResponse<String> post(String authorization, String contentType, byte[] body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + front.port() + AlertmanagerEndpoint.PATH))
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }

  private double rejected(String reason) {
    return registry.get(AlertMetrics.REJECTED).tags("reason", reason).counter().count();
  }

  private double counter(String name) {
    return registry.get(name).tags("source", "alertmanager").counter().count();
  }
}
