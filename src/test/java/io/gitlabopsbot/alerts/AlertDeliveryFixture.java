package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.gitlabopsbot.alerts.AlertRoutingSettings.Rule;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.slack.BlockKitRenderer;
import io.gitlabopsbot.slack.SlackClients;
import io.gitlabopsbot.slack.SlackWebApiNotifier;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery worker against a real inbox on H2 and Slack played by WireMock: each posted message
 * gets its own {@code ts}, and {@link #calls()} shows what reached Slack, in order.
 */
final class AlertDeliveryFixture implements AutoCloseable {

  static final Instant T0 = Instant.parse("2026-11-25T17:00:00Z");
  static final AlertRoutes ROUTES =
      new AlertRoutes(
          new AlertRoutingSettings(
              "C1", List.of(new Rule(List.of(Matcher.parse("team=db")), "C2", false)), List.of()));

  final WireMockServer slack = new WireMockServer(options().dynamicPort());
  final MutableClock clock = new MutableClock(T0);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final Database database;
  final JdbcAlertInbox inbox;
  private final SlackWebApiNotifier notifier;

  AlertDeliveryFixture() {
    this(TestDatabases.h2());
  }

  /** On {@code database}, which the fixture closes. */
  AlertDeliveryFixture(Database database) {
    this.database = database;
    slack.start();
    okForChannel("C1");
    okForChannel("C2");
    SlackSettings settings =
        new SlackSettings(
            SlackSettings.Mode.SOCKET, slack.baseUrl() + "/api", "/gitlab", null, null, null, null);
    // One attempt per call: retrying is the worker's job, so the notifier must never block it.
    notifier =
        new SlackWebApiNotifier(
            new SlackClients(settings, ProxySettings.none()).methods(new Secret("xoxb-test")),
            new BlockKitRenderer(),
            registry,
            duration -> {
              throw new AssertionError("the notifier must not sleep, asked for " + duration);
            },
            1,
            Duration.ofSeconds(1));
    inbox = new JdbcAlertInbox(database.dataSource(), ROUTES, clock, registry);
  }

  /** A fresh worker with fresh thread memory on the same database, as after a restart. */
  AlertDelivery newWorker() {
    return new AlertDelivery(
        new JdbcAlertInbox(database.dataSource(), ROUTES, clock, registry),
        notifier,
        new ChannelPacer(clock, Duration.ofSeconds(1)),
        clock,
        registry,
        AlertDelivery.DEFAULT_DIGEST_ABOVE);
  }

  void okForChannel(String channel) {
    slack.stubFor(
        post("/api/chat.postMessage")
            .withRequestBody(containing("channel=" + channel))
            .willReturn(ok(channel)));
    slack.stubFor(
        post("/api/chat.update")
            .withRequestBody(containing("channel=" + channel))
            .willReturn(ok(channel)));
  }

  static ResponseDefinitionBuilder ok(String channel) {
    return aResponse()
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"ok\":true,\"channel\":\""
                + channel
                + "\",\"ts\":\"1700000000.{{randomValue length=9 type='NUMERIC'}}\"}")
        .withTransformers("response-template");
  }

  /** Slack calls that were answered, oldest first. */
  List<Call> calls() {
    List<ServeEvent> events = new ArrayList<>(slack.getAllServeEvents());
    java.util.Collections.reverse(events);
    List<Call> calls = new ArrayList<>();
    for (ServeEvent event : events) {
      String url = event.getRequest().getUrl();
      String body = event.getResponse().getBodyAsString();
      String ts = body.replaceAll("(?s).*\"ts\":\"([^\"]*)\".*", "$1");
      calls.add(
          new Call(
              url.substring(url.lastIndexOf('/') + 1),
              event.getResponse().getStatus(),
              form(event.getRequest().getBodyAsString()),
              body.contains("\"ts\"") ? ts : null));
    }
    return calls;
  }

  /** Successful Slack calls only. */
  List<Call> accepted() {
    return calls().stream().filter(call -> call.status() == 200).toList();
  }

  int deliverUntilEmpty(AlertDelivery worker, int maxPasses) {
    int delivered = 0;
    for (int pass = 0; pass < maxPasses && undelivered() > 0; pass++) {
      delivered += worker.deliverOnce();
      clock.advance(Duration.ofSeconds(1));
    }
    return delivered;
  }

  /** Inbox rows not delivered yet, due or waiting for a retry. */
  int undelivered() {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet count =
            statement.executeQuery("SELECT COUNT(*) FROM alert_inbox WHERE delivered_at IS NULL")) {
      count.next();
      return count.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("could not count undelivered alerts", e);
    }
  }

  double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Override
  public void close() {
    slack.stop();
    database.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  /** One Slack Web API call: method, HTTP status, form fields and the {@code ts} answered. */
  record Call(String method, int status, Map<String, String> form, String ts) {
    String text() {
      return form.getOrDefault("text", "");
    }

    String threadTs() {
      return form.get("thread_ts");
    }
  }
}
