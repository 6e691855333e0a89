package io.gitlabopsbot.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

  private final Redactor redactor = new Redactor(List.of("CANARY-signing-secret-42"));

  @Test
  void redact_knownSecretValue_isMaskedWherever() {
    assertThat(redactor.redact("url?x=CANARY-signing-secret-42&y")).isEqualTo("url?x=****&y");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "token xoxb-1234-5678-abcdef here | token **** here",
        "xapp-1-A0-123-abc | ****",
        "key AKIAABCDEFGHIJKLMNOP end | key **** end",
        "password=hunter2 next | password=**** next",
        "Secret: s3cr3t | Secret: ****",
      })
  void redact_secretShapes_areMasked(String input, String expected) {
    assertThat(redactor.redact(input)).isEqualTo(expected);
  }

  @Test
  void redact_privateKeyBlock_isMaskedWhole() {
    String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\ndef\n-----END OPENSSH PRIVATE KEY-----";

    assertThat(redactor.redact("key: " + key + " after")).isEqualTo("key: **** after");
  }

  @Test
  void redact_ordinaryText_isUnchanged() {
    assertThat(redactor.redact("backup now --skip registry"))
        .isEqualTo("backup now --skip registry");
    assertThat(redactor.redact(null)).isNull();
  }
}
