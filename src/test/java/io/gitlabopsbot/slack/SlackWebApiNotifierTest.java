package io.gitlabopsbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.EqualToJsonPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.DeliveryException;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.MessageRef;
import io.gitlabopsbot.metrics.MetricNames;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackWebApiNotifierTest {

  private static final String CANARY = "xoxb-CANARY-7d1f0c2e-never-print-me";
  private static final String POSTED =
      "{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000000.000100\"}";

  private final WireMockServer slack = new WireMockServer(options().dynamicPort());
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Duration> sleeps = new ArrayList<>();
  private SlackWebApiNotifier notifier;

  @BeforeEach
  void start() {
    slack.start();
    SlackSettings settings =
        new SlackSettings(
            SlackSettings.Mode.SOCKET, slack.baseUrl() + "/api", "/gitlab", null, null, null, null);
    SlackClients clients = new SlackClients(settings, ProxySettings.none());
    notifier =
        new SlackWebApiNotifier(
            clients.methods(new Secret(CANARY)),
            new BlockKitRenderer(),
            registry,
            sleeps::add,
            3,
            Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() {
    slack.stop();
  }

  @Test
  void post_sendsExactFormBodyWithBlocksAndTokenOnlyInHeader() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(okJson(POSTED)));

    MessageRef ref = notifier.post("C123", sample());

    assertThat(ref).isEqualTo(new MessageRef("C123", "1700000000.000100"));
    LoggedRequest request = single("/api/chat.postMessage");
    Map<String, String> form = form(request);
    assertBlocks(form.remove("blocks"));
    assertThat(form)
        .containsExactlyInAnyOrderEntriesOf(
            postDefaults(Map.of("channel", "C123", "text", "Backup &lt;done&gt;")));
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + CANARY);
    assertThat(request.getBodyAsString()).doesNotContain(CANARY);
  }

  @Test
  void update_sendsChannelTsTextAndBlocks() {
    slack.stubFor(post("/api/chat.update").willReturn(okJson(POSTED)));

    notifier.update(new MessageRef("C123", "1700000000.000100"), sample());

    Map<String, String> form = form(single("/api/chat.update"));
    assertBlocks(form.remove("blocks"));
    assertThat(form)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "channel", "C123",
                "ts", "1700000000.000100",
                "text", "Backup &lt;done&gt;",
                "link_names", "0"));
  }

  @Test
  void reply_postsInTheThreadOfTheParent() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(okJson("{\"ok\":true,\"channel\":\"C123\",\"ts\":\"1700000001.000200\"}")));

    MessageRef ref = notifier.reply(new MessageRef("C123", "1700000000.000100"), sample());

    assertThat(ref.ts()).isEqualTo("1700000001.000200");
    Map<String, String> form = form(single("/api/chat.postMessage"));
    assertBlocks(form.remove("blocks"));
    assertThat(form)
        .containsExactlyInAnyOrderEntriesOf(
            postDefaults(
                Map.of(
                    "channel", "C123",
                    "thread_ts", "1700000000.000100",
                    "text", "Backup &lt;done&gt;")));
  }

  @Test
  void post_whenRateLimitedOnce_sleepsRetryAfterAndRetries() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3"))
            .willSetStateTo("open"));
    slack.stubFor(
        post("/api/chat.postMessage")
            .inScenario("limit")
            .whenScenarioStateIs("open")
            .willReturn(okJson(POSTED)));

    MessageRef ref = notifier.post("C123", sample());

    assertThat(ref.ts()).isEqualTo("1700000000.000100");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    assertThat(
            registry.counter(MetricNames.SLACK_API_RETRIES, "method", "chat.postMessage").count())
        .isEqualTo(1.0);
    assertThat(timer("ratelimited").count()).isEqualTo(1);
    assertThat(timer("ok").count()).isEqualTo(1);
    assertThat(registry.scrape())
        .contains("gitlabopsbot_slack_api_seconds_bucket{")
        .contains("method=\"chat.postMessage\"")
        .contains("outcome=\"ratelimited\"");
  }

  @Test
  void post_whenRateLimitedOnEveryAttempt_failsAfterMaxAttempts() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

    DeliveryException e =
        catchThrowableOfType(DeliveryException.class, () -> notifier.post("C123", sample()));

    assertThat(e.errorCode()).isEqualTo("ratelimited");
    assertThat(e)
        .hasMessageContaining("Slack rate limited chat.postMessage")
        .hasMessageContaining("attempt 3 of 3")
        .hasMessageContaining("will not be retried now");
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    slack.verify(3, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    assertNoCanary(e);
  }

  @Test
  void post_whenRetryAfterExceedsMaxWait_failsWithoutSleeping() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

    DeliveryException e =
        catchThrowableOfType(DeliveryException.class, () -> notifier.post("C123", sample()));

    assertThat(e).hasMessageContaining("Retry-After 120 s").hasMessageContaining("attempt 1 of 3");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void post_whenNotInChannel_tellsHowToInviteTheBot() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(okJson("{\"ok\":false,\"error\":\"not_in_channel\"}")));

    DeliveryException e =
        catchThrowableOfType(DeliveryException.class, () -> notifier.post("C123", sample()));

    assertThat(e.errorCode()).isEqualTo("not_in_channel");
    assertThat(e)
        .hasMessageContaining("C123")
        .hasMessageContaining("not_in_channel")
        .hasMessageContaining("/invite @gitlab-ops-bot");
    assertThat(timer("error").count()).isEqualTo(1);
  }

  @Test
  void post_whenTokenRevoked_pointsAtTheVariableNeverTheToken() {
    slack.stubFor(
        post("/api/chat.postMessage")
            .willReturn(okJson("{\"ok\":false,\"error\":\"token_revoked\"}")));

    DeliveryException e =
        catchThrowableOfType(DeliveryException.class, () -> notifier.post("C123", sample()));

    assertThat(e).hasMessageContaining("check SLACK_BOT_TOKEN");
    assertNoCanary(e);
  }

  @Test
  void post_whenServerErrorOrConnectionReset_failsClearlyWithoutToken() {
    slack.stubFor(post("/api/chat.postMessage").willReturn(aResponse().withStatus(503)));
    slack.stubFor(
        post("/api/chat.update").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    DeliveryException http =
        catchThrowableOfType(DeliveryException.class, () -> notifier.post("C123", sample()));
    DeliveryException io =
        catchThrowableOfType(
            DeliveryException.class,
            () -> notifier.update(new MessageRef("C123", "1.2"), sample()));

    assertThat(http.errorCode()).isEqualTo("http_503");
    assertThat(http).hasMessageContaining("HTTP 503");
    assertThat(io.errorCode()).isEqualTo("io");
    assertThat(io).hasMessageContaining("could not reach Slack for chat.update");
    assertThat(sleeps).isEmpty();
    assertNoCanary(http);
    assertNoCanary(io);
  }

  static Message sample() {
    return Message.builder("Backup <done>")
        .header("Backup done")
        .section("*gitlab-prod* backup finished")
        .fields(List.of(new Block.Field("Size", "12 GiB")))
        .code("done <ok>")
        .context("took 3 min")
        .divider()
        .actions(
            List.of(new Block.Button("restore", "Restore", "req-1", Block.ButtonStyle.PRIMARY)))
        .build();
  }

  private static void assertBlocks(String json) {
    String expected =
        """
        [
          {"type":"header","text":{"type":"plain_text","text":"Backup done","emoji":true}},
          {"type":"section","text":{"type":"mrkdwn","text":"*gitlab-prod* backup finished"}},
          {"type":"section","fields":[{"type":"mrkdwn","text":"*Size*\\n12 GiB"}]},
          {"type":"section","text":{"type":"mrkdwn","text":"```\\ndone &lt;ok&gt;\\n```"}},
          {"type":"context","elements":[{"type":"mrkdwn","text":"took 3 min"}]},
          {"type":"divider"},
          {"type":"actions","elements":[{"type":"button","action_id":"restore","value":"req-1",
            "style":"primary","text":{"type":"plain_text","text":"Restore","emoji":true}}]}
        ]
        """;
    assertThat(new EqualToJsonPattern(expected, false, false).match(json).isExactMatch())
        .as("blocks %s", json)
        .isTrue();
  }

  private static Map<String, String> postDefaults(Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putAll(
        Map.of(
            "mrkdwn", "1",
            "link_names", "0",
            "unfurl_links", "0",
            "unfurl_media", "0",
            "reply_broadcast", "0"));
    return all;
  }

  private LoggedRequest single(String path) {
    List<LoggedRequest> requests = slack.findAll(postRequestedFor(urlEqualTo(path)));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static Map<String, String> form(LoggedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private Timer timer(String outcome) {
    return registry
        .get(MetricNames.SLACK_API)
        .tags("method", "chat.postMessage", "outcome", outcome)
        .timer();
  }

  private static void assertNoCanary(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(CANARY);
      assertThat(t.toString()).doesNotContain(CANARY);
    }
  }
}
