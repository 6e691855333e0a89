package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.AlertmanagerFixtures.FIRING;
import static io.gitlabopsbot.alerts.AlertmanagerFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.HttpSettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import io.gitlabopsbot.web.AuthFailureLimiter;
import io.gitlabopsbot.web.HttpFront;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failed webhook authentication is rate-limited per source address; Alertmanager never is. */
class AlertmanagerAuthRateLimitTest {

  private static final String TOKEN = "webhook-token-0123456789abcdef-0123";
  private static final int LIMIT = 3;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final Database database = TestDatabases.h2();
  private HttpFront front;

  @BeforeEach
  void start() {
    var inbox =
        new JdbcAlertInbox(
            database.dataSource(),
            new AlertRoutes(new AlertRoutingSettings("C-ALERTS", null, null)),
            Clock.systemUTC(),
            registry);
    front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);
    new AlertmanagerEndpoint(
            new WebhookAuth(new Secret(TOKEN), null, null),
            new AuthFailureLimiter(LIMIT, clock),
            inbox,
            registry)
        .register(front);
    front.start();
  }

  @AfterEach
  void stop() {
    front.close();
    database.close();
  }

  @Test
  void failedAuth_pastTheLimit_gets429WithRetryAfter_untilTheMinuteEnds() throws Exception {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(post("Bearer wrong-token").statusCode()).isEqualTo(401);
    }

    clock.advance(Duration.ofSeconds(20));
    var limited = post("Bearer wrong-token");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("40");
    assertThat(post(null).statusCode()).isEqualTo(429);
    assertThat(registry.get(AlertMetrics.REJECTED).tags("reason", "rate_limited").counter().count())
        .isEqualTo(2.0);

    clock.advance(Duration.ofSeconds(40));
    assertThat(post("Bearer wrong-token").statusCode()).isEqualTo(401);
  }

  @Test
  void authenticatedAlertmanager_fromALimitedAddress_isStillServedAtOnce() throws Exception {
    for (int i = 0; i <= LIMIT; i++) {
      post("Bearer wrong-token");
    }
    assertThat(post("Bearer wrong-token").statusCode()).isEqualTo(429);

    var response = post("Bearer " + TOKEN);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("retry-after")).isEmpty();
  }

  private HttpResponse<String> post(String authorization) throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + front.port() + AlertmanagerEndpoint.PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofByteArray(bytes(FIRING)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), BodyHandlers.ofString());
  }
}
