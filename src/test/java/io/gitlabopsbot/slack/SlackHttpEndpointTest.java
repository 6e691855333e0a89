package io.gitlabopsbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import io.gitlabopsbot.config.HttpSettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.metrics.MetricNames;
import io.gitlabopsbot.web.HttpFront;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SlackHttpEndpointTest {

  private static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
  private static final String BOT_TOKEN = "xoxb-CANARY-0000-do-not-leak";
  private static final String COMMAND =
      SignedSlackRequests.slashCommand("T0TEAM", "C0OPS", "U0SRE", "/gitlab", "status gitaly");

  // Bolt checks timestamps against the real clock, so "now" is real; fixing it keeps our own
  // boundary cases (stale, future) exact.
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicInteger commandRuns = new AtomicInteger();
  private final AtomicInteger buttonClicks = new AtomicInteger();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private WireMockServer slackApi;
  private HttpFront front;
  private SignedSlackRequests slack;

  @BeforeEach
  void start() {
    rootLogger().addAppender(logs);
    logs.start();
    slackApi = new WireMockServer(options().dynamicPort());
    slackApi.start();
    slackApi.stubFor(
        post(urlPathEqualTo("/api/auth.test"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ok\":true,\"url\":\"https://testteam.slack.com/\",\"team\":\"Test\","
                            + "\"user\":\"opsbot\",\"team_id\":\"T0TEAM\",\"user_id\":\"U0BOT\","
                            + "\"bot_id\":\"B0BOT\"}")));

    front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);
    new SlackHttpEndpoint(
            boltApp(),
            new SlackSignatureVerifier(
                new Secret(SIGNING_SECRET), Clock.fixed(now, ZoneOffset.UTC)),
            new InMemoryReplayGuard(),
            registry)
        .register(front);
    front.start();
    slack =
        new SignedSlackRequests(
            SIGNING_SECRET,
            URI.create("http://127.0.0.1:" + front.port() + SlackHttpEndpoint.PATH));
  }

  @AfterEach
  void stop() {
    front.close();
    slackApi.stop();
    rootLogger().detachAppender(logs);
  }

  @Test
  void post_whenSignedSlashCommand_runsItAndReturnsAckWithinDeadline() {
    HttpResponse<String> response = slack.post(COMMAND, now);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("on it: status gitaly");
    assertThat(commandRuns).hasValue(1);
  }

  @Test
  void post_whenSignedBlockAction_runsTheButtonHandler() {
    String click = SignedSlackRequests.blockAction("T0TEAM", "C0OPS", "U0SRE", "approve", "op-42");

    HttpResponse<String> response = slack.post(click, now);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(buttonClicks).hasValue(1);
  }

  @Test
  void post_whenUnsigned_isRejectedUniformly() {
    assertRejected(slack.post(COMMAND, Map.of()), "missing_headers");
  }

  @Test
  void post_whenSignedForAnotherBody_isRejectedUniformly() {
    String other = COMMAND.replace("status", "restart");

    assertRejected(slack.post(COMMAND, slack.signatureHeaders(other, now)), "bad_signature");
  }

  @Test
  void post_whenSignedWithWrongSecret_isRejectedUniformly() {
    var forger = new SignedSlackRequests("not-the-secret", URI.create("http://unused"));

    assertRejected(slack.post(COMMAND, forger.signatureHeaders(COMMAND, now)), "bad_signature");
  }

  @Test
  void post_whenSignatureGarbled_isRejectedUniformly() {
    var headers =
        Map.of("X-Slack-Request-Timestamp", "" + now.getEpochSecond(), "X-Slack-Signature", "v0=");

    assertRejected(slack.post(COMMAND, headers), "malformed_signature");
  }

  @Test
  void post_whenSigned301SecondsAgo_isRejectedUniformly() {
    assertRejected(slack.post(COMMAND, now.minusSeconds(301)), "stale");
  }

  @Test
  void post_whenSigned61SecondsAhead_isRejectedUniformly() {
    assertRejected(slack.post(COMMAND, now.plusSeconds(61)), "future");
  }

  @Test
  void post_whenReplayed_answersEmpty200AndRunsCommandOnce() {
    var headers = slack.signatureHeaders(COMMAND, now);

    HttpResponse<String> first = slack.post(COMMAND, headers);
    HttpResponse<String> replay = slack.post(COMMAND, headers);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).isEmpty();
    assertThat(commandRuns).hasValue(1);
    assertThat(rejections("replay")).isEqualTo(1.0);
  }

  @Test
  void post_whenHandlerThrows_answersGeneric500WithoutDetails() {
    String explode =
        SignedSlackRequests.slashCommand("T0TEAM", "C0OPS", "U0SRE", "/gitlab", "explode");

    HttpResponse<String> response = slack.post(explode, now);

    assertThat(response.statusCode()).isEqualTo(500);
    assertNoDetails(response.body());
  }

  @Test
  void secrets_neverReachResponsesOrLogs() {
    slack.post(COMMAND, now);
    slack.post(COMMAND, Map.of());
    slack.post(
        SignedSlackRequests.slashCommand("T0TEAM", "C0OPS", "U0SRE", "/gitlab", "explode"), now);

    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      String text = event.getFormattedMessage() + " " + throwableText(event);
      assertThat(text).doesNotContain(BOT_TOKEN, SIGNING_SECRET);
    }
  }

  private App boltApp() {
    var slackConfig = new SlackConfig();
    slackConfig.setMethodsEndpointUrlPrefix(slackApi.baseUrl() + "/api/");
    var app =
        new App(
            AppConfig.builder()
                .signingSecret(SIGNING_SECRET)
                .singleTeamBotToken(BOT_TOKEN)
                .slack(Slack.getInstance(slackConfig))
                .build());
    app.command(
        "/gitlab",
        (request, context) -> {
          if (request.getPayload().getText().equals("explode")) {
            throw new IllegalStateException("handler broke on internal detail 42");
          }
          commandRuns.incrementAndGet();
          return context.ack("on it: " + request.getPayload().getText());
        });
    app.blockAction(
        "approve",
        (request, context) -> {
          buttonClicks.incrementAndGet();
          return context.ack();
        });
    return app;
  }

  private void assertRejected(HttpResponse<String> response, String reason) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("invalid or expired Slack request signature");
    assertThat(commandRuns).hasValue(0);
    assertThat(rejections(reason)).isEqualTo(1.0);
  }

  private static void assertNoDetails(String body) {
    assertThat(body)
        .matches("internal error \\(see bot log, correlation id [0-9a-f]{12}\\)")
        .doesNotContain("Exception", "internal detail", "\tat ");
  }

  private double rejections(String reason) {
    var counter =
        registry.find(MetricNames.SLACK_REQUESTS_REJECTED).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  private static String throwableText(ILoggingEvent event) {
    var text = new StringBuilder();
    for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(t.getMessage()).append(' ');
    }
    return text.toString();
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** Remembers keys for the life of the test; expiry is the store's concern, not tested here. */
  private static final class InMemoryReplayGuard implements ReplayGuard {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    @Override
    public boolean firstSeen(String key, Instant expiresAt) {
      return seen.putIfAbsent(key, expiresAt) == null;
    }
  }
}
