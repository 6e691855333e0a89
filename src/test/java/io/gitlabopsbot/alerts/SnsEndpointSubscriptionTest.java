package io.gitlabopsbot.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.gitlabopsbot.alerts.SnsTestSigner.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.store.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnsEndpointSubscriptionTest {

  private static final SnsTestSigner SNS = new SnsTestSigner();

  private final SnsTestEndpoint endpoint = new SnsTestEndpoint(SNS);

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void subscriptionConfirmation_signedForAnAllowedTopic_isConfirmedByGet() {
    assertThat(
            endpoint
                .post(endpoint.sns.sign(SnsTestEndpoint.confirmation(endpoint.localSubscribeUrl())))
                .statusCode())
        .isEqualTo(200);

    endpoint.snsApi.verify(
        1,
        getRequestedFor(urlPathEqualTo("/"))
            .withQueryParam("Action", equalTo("ConfirmSubscription"))
            .withQueryParam("Token", equalTo(SnsTestEndpoint.TOKEN)));
  }

  @Test
  void subscriptionConfirmation_withBadSignature_isNotConfirmed() {
    SnsMessage forged =
        new SnsTestSigner().sign(SnsTestEndpoint.confirmation(endpoint.localSubscribeUrl()));

    assertThat(endpoint.post(forged).statusCode()).isEqualTo(403);
    endpoint.snsApi.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void subscriptionConfirmation_forUnknownTopic_isNotConfirmed() {
    SnsMessage other =
        endpoint.sns.sign(
            with(
                SnsTestEndpoint.confirmation(endpoint.localSubscribeUrl()),
                "TopicArn",
                "arn:aws:sns:eu-west-1:9:x"));

    assertThat(endpoint.post(other).statusCode()).isEqualTo(403);
    endpoint.snsApi.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void subscriptionConfirmation_whoseSubscribeUrlIsNotAnSnsHost_isNotConfirmed() {
    String elsewhere =
        "http://127.0.0.1:" + endpoint.snsApi.port() + "/?Action=ConfirmSubscription";

    assertThat(
            endpoint.post(endpoint.sns.sign(SnsTestEndpoint.confirmation(elsewhere))).statusCode())
        .isEqualTo(403);
    endpoint.snsApi.verify(0, anyRequestedFor(anyUrl()));
    assertThat(endpoint.rejections("subscribe_url_not_allowed")).isEqualTo(1.0);
  }

  @Test
  void subscriptionConfirmation_whenSnsRefusesTheConfirm_is503() {
    endpoint.snsApi.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withStatus(500)));

    assertThat(
            endpoint
                .post(endpoint.sns.sign(SnsTestEndpoint.confirmation(endpoint.localSubscribeUrl())))
                .statusCode())
        .isEqualTo(503);
  }

  @Test
  void unsubscribeConfirmation_isAcknowledged_withAWarning() {
    SnsMessage unsubscribe =
        endpoint.sns.sign(
            with(
                SnsTestEndpoint.confirmation(endpoint.localSubscribeUrl()),
                "Type",
                SnsMessage.UNSUBSCRIBE_CONFIRMATION));

    try (LogCapture logs = new LogCapture()) {
      assertThat(endpoint.post(unsubscribe).statusCode()).isEqualTo(200);
      assertThat(logs.lines())
          .anySatisfy(line -> assertThat(line).contains("unsubscribed", SnsTestEndpoint.TOPIC));
    }
    endpoint.snsApi.verify(0, anyRequestedFor(anyUrl()));
  }
}
