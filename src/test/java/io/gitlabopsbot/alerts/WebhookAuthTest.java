package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.store.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookAuthTest {

  private static final String TOKEN = "tok-9f8e7d";

  @Test
  void allows_whenBearerTokenMatches_inAnySchemeCase() {
    var auth = new WebhookAuth(new Secret(TOKEN), null, null);

    assertThat(auth.allows("Bearer " + TOKEN)).isTrue();
    assertThat(auth.allows("bearer " + TOKEN)).isTrue();
    assertThat(auth.allows("Bearer " + TOKEN + "x")).isFalse();
    assertThat(auth.allows("Bearer")).isFalse();
    assertThat(auth.allows(TOKEN)).isFalse();
    assertThat(auth.allows(null)).isFalse();
    assertThat(auth.allows(basic("any", TOKEN))).as("token is not a basic password").isFalse();
  }

  @Test
  void allows_whenBasicCredentialsMatch_andNotOtherwise() {
    var auth = new WebhookAuth(null, new Secret("am"), new Secret("pw:with:colons"));

    assertThat(auth.allows(basic("am", "pw:with:colons"))).isTrue();
    assertThat(auth.allows(basic("am", "wrong"))).isFalse();
    assertThat(auth.allows(basic("other", "pw:with:colons"))).isFalse();
    assertThat(auth.allows("Basic not-base64!")).isFalse();
    assertThat(auth.allows("Bearer pw:with:colons")).isFalse();
  }

  @Test
  void fromEnvironment_whenNothingSet_isDisabled_refusesAll_andSaysSoOnce() {
    try (var logs = new LogCapture()) {
      var auth = WebhookAuth.fromEnvironment(Map.of(WebhookAuth.TOKEN_ENV, "  "));

      assertThat(auth.isEnabled()).isFalse();
      assertThat(auth.allows("Bearer ")).isFalse();
      assertThat(auth.allows("Bearer   ")).isFalse();
      assertThat(auth.allows(basic("", ""))).isFalse();
      assertThat(logs.lines())
          .filteredOn(line -> line.contains("Alertmanager webhook is disabled"))
          .hasSize(1);
    }
  }

  @Test
  void fromEnvironment_whenUserWithoutPassword_basicStaysOff_andTokenStillWorks() {
    try (var logs = new LogCapture()) {
      var auth =
          WebhookAuth.fromEnvironment(
              Map.of(WebhookAuth.TOKEN_ENV, TOKEN, WebhookAuth.USER_ENV, "am"));

      assertThat(auth.allows(basic("am", ""))).isFalse();
      assertThat(auth.allows("Bearer " + TOKEN)).isTrue();
      assertThat(logs.lines()).anyMatch(line -> line.contains("only one of"));
      assertThat(logs.lines()).noneMatch(line -> line.contains(TOKEN));
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
