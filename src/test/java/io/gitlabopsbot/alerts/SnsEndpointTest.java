package io.gitlabopsbot.alerts;

import static io.gitlabopsbot.alerts.SnsTestSigner.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.alerts.AlertEvent.Status;
import io.gitlabopsbot.store.LogCapture;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnsEndpointTest {

  private static final SnsTestSigner SNS = new SnsTestSigner();

  private final SnsTestEndpoint endpoint = new SnsTestEndpoint(SNS);

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void notification_signedAlarm_landsInTheInbox() {
    HttpResponse<String> response = endpoint.post(endpoint.sns.sign(SnsTestSigner.fixture()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(endpoint.inbox.events())
        .containsExactly(
            CloudWatchAlertEvents.from(CloudWatchAlarm.parse(SnsTestSigner.fixture().message())));
    AlertEvent event = endpoint.inbox.events().get(0);
    assertThat(event.status()).isEqualTo(Status.FIRING);
    assertThat(event.threadKey())
        .isEqualTo("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:gitlab-nodes-cpu-high");
    assertThat(event.title()).isEqualTo("gitlab-nodes-cpu-high");
  }

  @Test
  void notification_okState_isResolved() {
    SnsMessage ok =
        with(
            with(SnsTestSigner.fixture(), "Message", CloudWatchAlertEventsTest.okAlarm()),
            "MessageId",
            "9d2e8b63-0000-4000-8000-000000000001");

    assertThat(endpoint.post(endpoint.sns.sign(ok)).statusCode()).isEqualTo(200);
    assertThat(endpoint.inbox.events())
        .singleElement()
        .extracting(AlertEvent::status)
        .isEqualTo(Status.RESOLVED);
  }

  @Test
  void notification_replayedMessageId_isRejected() {
    SnsMessage message = endpoint.sns.sign(SnsTestSigner.fixture());
    assertThat(endpoint.post(message).statusCode()).isEqualTo(200);

    HttpResponse<String> replay = endpoint.post(message);

    assertThat(replay.statusCode()).isEqualTo(403);
    assertThat(replay.body()).isEqualTo(SnsEndpoint.REJECTED_BODY);
    assertThat(endpoint.inbox.events()).hasSize(1);
    assertThat(endpoint.rejections("replay")).isEqualTo(1.0);
  }

  @Test
  void notification_whenInboxUnavailable_is503_andTheRetryIsAccepted() {
    SnsMessage message = endpoint.sns.sign(SnsTestSigner.fixture());
    endpoint.inbox.failing(true);

    assertThat(endpoint.post(message).statusCode()).isEqualTo(503);

    endpoint.inbox.failing(false);
    endpoint.clock.advance(Duration.ofSeconds(20)); // SNS retries the same message ID
    assertThat(endpoint.post(message).statusCode()).isEqualTo(200);
    assertThat(endpoint.inbox.events()).hasSize(1);
  }

  @Test
  void notification_whenCertificateUnreachable_is503() {
    endpoint.certificates.serve(null);

    assertThat(endpoint.post(endpoint.sns.sign(SnsTestSigner.fixture())).statusCode())
        .isEqualTo(503);
    assertThat(endpoint.inbox.events()).isEmpty();
  }

  @Test
  void notification_fromUnknownTopic_isRejected_withoutFetchingTheCertificate() {
    SnsMessage other =
        endpoint.sns.sign(
            with(SnsTestSigner.fixture(), "TopicArn", "arn:aws:sns:us-east-1:999:other"));

    assertThat(endpoint.post(other).statusCode()).isEqualTo(403);
    assertThat(endpoint.inbox.events()).isEmpty();
    assertThat(endpoint.certificates.requested()).isEmpty();
    assertThat(endpoint.rejections("unknown_topic")).isEqualTo(1.0);
  }

  @Test
  void notification_withBadSignature_isRejected_andTheLogHoldsNoMessageContent() {
    SnsMessage forged = new SnsTestSigner().sign(SnsTestSigner.fixture());

    try (LogCapture logs = new LogCapture()) {
      HttpResponse<String> response = endpoint.post(forged);

      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).isEqualTo(SnsEndpoint.REJECTED_BODY);
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).contains("bad_signature", forged.messageId()))
          .noneSatisfy(line -> assertThat(line).contains("Threshold Crossed"))
          .noneSatisfy(line -> assertThat(line).contains(forged.signature()));
    }
    assertThat(endpoint.inbox.events()).isEmpty();
  }

  @Test
  void notification_stale_isRejected() {
    SnsMessage message = endpoint.sns.sign(SnsTestSigner.fixture());
    endpoint.clock.advance(Duration.ofHours(2));

    assertThat(endpoint.post(message).statusCode()).isEqualTo(403);
    assertThat(endpoint.rejections("stale")).isEqualTo(1.0);
  }

  @Test
  void malformedJson_is400() {
    assertThat(endpoint.post("{\"Type\": \"Notification\", ", "Notification").statusCode())
        .isEqualTo(400);
    assertThat(endpoint.post("{\"Type\":\"Notification\"}", "Notification").statusCode())
        .isEqualTo(400);
    assertThat(endpoint.rejections("malformed")).isEqualTo(2.0);
  }

  @Test
  void notification_whoseMessageIsNotAnAlarm_is400() {
    SnsMessage test =
        endpoint.sns.sign(with(SnsTestSigner.fixture(), "Message", "hello from the console"));

    assertThat(endpoint.post(test).statusCode()).isEqualTo(400);
    assertThat(endpoint.inbox.events()).isEmpty();
  }

  @Test
  void typeHeaderDisagreeingWithTheBody_is400() {
    SnsMessage message = endpoint.sns.sign(SnsTestSigner.fixture());

    HttpResponse<String> response =
        endpoint.post(SnsTestSigner.toJson(message), SnsMessage.SUBSCRIPTION_CONFIRMATION);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(endpoint.inbox.events()).isEmpty();
  }
}
