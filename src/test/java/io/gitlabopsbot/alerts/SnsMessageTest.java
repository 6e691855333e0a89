package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnsMessageTest {

  @Test
  void parse_fixture_keepsEveryValueAsSent() {
    SnsMessage message = SnsMessage.parse(bytes(SnsTestSigner.toJson(SnsTestSigner.fixture())));

    assertThat(message.type()).isEqualTo(SnsMessage.NOTIFICATION);
    assertThat(message.timestamp()).isEqualTo("2026-11-25T16:05:00.170Z");
    assertThat(message.subject())
        .isEqualTo("ALARM: \"gitlab-nodes-cpu-high\" in Asia Pacific (Tokyo)");
    assertThat(message.message()).startsWith("{\"AlarmName\":\"gitlab-nodes-cpu-high\"");
    assertThat(message.isConfirmationType()).isFalse();
  }

  @Test
  void parse_duplicateKey_isMalformed() {
    String json = SnsTestSigner.toJson(SnsTestSigner.fixture());
    String twice = json.replaceFirst("\\{", "{\"Message\":\"{}\",");

    assertThatThrownBy(() -> SnsMessage.parse(bytes(twice)))
        .isInstanceOf(SnsMessage.MalformedException.class)
        .hasMessage("the body is not an SNS JSON message");
  }

  @Test
  void parse_confirmationWithoutTokenOrUrl_namesWhatIsMissing() {
    SnsMessage confirmation =
        SnsTestSigner.with(SnsTestSigner.fixture(), "Type", SnsMessage.SUBSCRIPTION_CONFIRMATION);

    assertThatThrownBy(() -> SnsMessage.parse(bytes(SnsTestSigner.toJson(confirmation))))
        .isInstanceOf(SnsMessage.MalformedException.class)
        .hasMessage("the SNS message lacks Token, SubscribeURL");
  }

  @Test
  void parse_unknownTypeOrNull_isMalformed() {
    SnsMessage other = SnsTestSigner.with(SnsTestSigner.fixture(), "Type", "Surprise");

    assertThatThrownBy(() -> SnsMessage.parse(bytes(SnsTestSigner.toJson(other))))
        .hasMessage("the SNS message lacks a known Type");
    assertThatThrownBy(() -> SnsMessage.parse(bytes("null")))
        .isInstanceOf(SnsMessage.MalformedException.class);
    assertThatThrownBy(() -> SnsMessage.parse(bytes("{\"Message\":{\"nested\":true}}")))
        .isInstanceOf(SnsMessage.MalformedException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
