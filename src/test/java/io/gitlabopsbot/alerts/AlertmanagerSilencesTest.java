package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.alerts.Silences.NewSilence;
import io.gitlabopsbot.alerts.Silences.SilencesUnavailableException;
import io.gitlabopsbot.config.AlertsConfig.AlertmanagerApi;
import io.gitlabopsbot.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The silence API client against the real Alertmanager, and its faults against WireMock. */
class AlertmanagerSilencesTest {

  private static final String SECRET = "CANARY-am-api-token-9d";

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();
  private final WireMockServer wiremock = new WireMockServer(options().dynamicPort());

  @AfterEach
  void stop() {
    wiremock.stop();
  }

  @Test
  void create_makesARealSilence_readBackWithItsMatchersCreatorAndEnd() throws Exception {
    try (RealAlertmanager alertmanager = RealAlertmanager.start(dir)) {
      var silences = silences(alertmanager.baseUrl(), null);
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

      String id =
          silences.create(
              new NewSilence(
                  Map.of("alertname", "GitlabDown", "namespace", "gitlab \"prod\""),
                  now,
                  now.plus(Duration.ofHours(4)),
                  "jane (U0000OPER) via Slack",
                  "from the test"));

      JsonNode stored = alertmanager.silences().get(0);
      assertThat(stored.path("id").asText()).isEqualTo(id);
      assertThat(stored.path("createdBy").asText()).isEqualTo("jane (U0000OPER) via Slack");
      assertThat(Instant.parse(stored.path("endsAt").asText()))
          .isEqualTo(now.plus(Duration.ofHours(4)));
      assertThat(stored.path("matchers").toString())
          .contains("\"name\":\"alertname\",\"value\":\"GitlabDown\"")
          .contains("\"value\":\"gitlab \\\"prod\\\"\"")
          .contains("\"isRegex\":false")
          .doesNotContain("\"isEqual\":false");
      List<Silences.Silence> active = silences.active(Duration.ofSeconds(2));
      assertThat(active).extracting(Silences.Silence::id).containsExactly(id);
      assertThat(active.get(0).matchers())
          .extracting(Silences.SilenceMatcher::text)
          .contains("alertname=\"GitlabDown\"");
    }
  }

  @Test
  void create_whenAlertmanagerIsDown_saysItCannotBeReached() throws Exception {
    var silences = silences(URI.create("http://127.0.0.1:" + RealAlertmanager.freePort()), null);

    assertThatThrownBy(() -> silences.create(silence()))
        .isInstanceOf(SilencesUnavailableException.class)
        .hasMessageContaining("cannot be reached")
        .hasMessageContaining("alerts.alertmanager.url");
  }

  @Test
  void create_on5xx_namesTheStatus_andNeverTheToken() {
    wiremock.start();
    wiremock.stubFor(
        post(urlPathEqualTo("/am/api/v2/silences"))
            .willReturn(aResponse().withStatus(503).withBody("overloaded\n")));
    var silences = silences(URI.create(wiremock.baseUrl() + "/am"), new Secret(SECRET));

    assertThatThrownBy(() -> silences.create(silence()))
        .isInstanceOf(SilencesUnavailableException.class)
        .hasMessageContaining("HTTP 503: overloaded")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
  }

  @Test
  void active_whenTooSlow_givesUpWithinItsDeadline() {
    wiremock.start();
    wiremock.stubFor(
        get(urlPathEqualTo("/api/v2/silences"))
            .willReturn(aResponse().withFixedDelay(3000).withBody("[]")));
    var silences = silences(URI.create(wiremock.baseUrl()), new Secret(SECRET));

    long start = System.nanoTime();
    assertThatThrownBy(() -> silences.active(Duration.ofMillis(300)))
        .isInstanceOf(SilencesUnavailableException.class)
        .hasMessageContaining("did not answer within 300 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    wiremock.verify(
        getRequestedFor(urlPathEqualTo("/api/v2/silences"))
            .withHeader("Authorization", equalTo("Bearer " + SECRET)));
  }

  private AlertmanagerSilences silences(URI base, Secret token) {
    return new AlertmanagerSilences(
        client, new AlertmanagerApi(base, token, null, null), Duration.ofSeconds(3));
  }

  private static NewSilence silence() {
    Instant now = Instant.now();
    return new NewSilence(Map.of("alertname", "X"), now, now.plusSeconds(3600), "t", "c");
  }
}
