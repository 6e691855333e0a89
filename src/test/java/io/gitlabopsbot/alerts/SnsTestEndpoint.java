package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.gitlabopsbot.config.HttpSettings;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.slack.JdbcReplayGuard;
import io.gitlabopsbot.store.Database;
import io.gitlabopsbot.store.MutableClock;
import io.gitlabopsbot.store.TestDatabases;
import io.gitlabopsbot.web.HttpFront;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A running {@link SnsEndpoint} on a real {@link HttpFront} (port 0), with a WireMock standing in
 * for SNS's subscribe URLs, the replay guard on H2, and fakes for the certificate source and inbox.
 */
final class SnsTestEndpoint implements AutoCloseable {

  static final String TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:gitlab-alarms";
  static final String TOKEN = "tok-2336412f";

  final SnsTestSigner sns;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T16:05:03Z"));
  final SnsFakeCertificateSource certificates;
  final SnsRecordingInbox inbox = new SnsRecordingInbox();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final WireMockServer snsApi = new WireMockServer(options().dynamicPort());
  private final HttpClient client = HttpClient.newHttpClient();
  private final Database database = TestDatabases.h2();
  private final HttpFront front = new HttpFront(new HttpSettings("127.0.0.1", 0), registry);

  SnsTestEndpoint(SnsTestSigner sns) {
    this.sns = sns;
    this.certificates = new SnsFakeCertificateSource(sns.certificate());
    snsApi.start();
    snsApi.stubFor(
        get(urlPathEqualTo("/"))
            .withQueryParam("Action", equalTo("ConfirmSubscription"))
            .willReturn(aResponse().withBody("<ConfirmSubscriptionResponse/>")));
    // Subscribe URLs may point only at the local stand-in for SNS; certificate URLs are checked
    // with the production policy, and the fake source serves them without any network.
    SnsUrlPolicy localSns =
        url -> "localhost".equals(url.getHost()) && url.getPort() == snsApi.port();
    new SnsEndpoint(
            new SnsSettings(List.of(TOPIC)),
            new SnsSignatureVerifier(certificates, SnsUrlPolicy.awsOnly(), clock),
            localSns,
            new SnsSubscriptionConfirmer(
                SnsHttpClients.create(ProxySettings.none()), Duration.ofSeconds(5)),
            new JdbcReplayGuard(database.dataSource(), clock),
            inbox,
            registry)
        .register(front);
    front.start();
  }

  /** A subscribe URL on the local stand-in for SNS. */
  String localSubscribeUrl() {
    return "http://localhost:"
        + snsApi.port()
        + "/?Action=ConfirmSubscription&TopicArn="
        + TOPIC
        + "&Token="
        + TOKEN;
  }

  /** An unsigned SubscriptionConfirmation for the allowed topic. */
  static SnsMessage confirmation(String subscribeUrl) {
    SnsMessage message =
        SnsTestSigner.with(SnsTestSigner.fixture(), "Type", SnsMessage.SUBSCRIPTION_CONFIRMATION);
    message = SnsTestSigner.with(message, "Subject", null);
    message = SnsTestSigner.with(message, "Message", "You have chosen to subscribe to " + TOPIC);
    message = SnsTestSigner.with(message, "Token", TOKEN);
    return SnsTestSigner.with(message, "SubscribeURL", subscribeUrl);
  }

  /** How often the endpoint counted {@code reason} as not accepted. */
  double rejections(String reason) {
    var counter = registry.find(SnsEndpoint.REJECTED_METRIC).tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Posts {@code message} as SNS does. */
  HttpResponse<String> post(SnsMessage message) {
    return post(SnsTestSigner.toJson(message), message.type());
  }

  HttpResponse<String> post(String body, String type) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + front.port() + SnsEndpoint.PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "text/plain; charset=UTF-8")
            .header("x-amz-sns-message-type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    front.close();
    database.close();
    snsApi.stop();
  }
}
