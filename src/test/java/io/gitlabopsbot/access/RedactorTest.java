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
      quoteCharacter = '`',
      value = {
        "token xoxb-1234-5678-abcdef here | token **** here",
        "xapp-1-A0-123-abc | ****",
        "key AKIAABCDEFGHIJKLMNOP end | key **** end",
        "password=hunter2 next | password=**** next",
        "Secret: s3cr3t | Secret: ****",
        "gitlab_rails['smtp_password'] = \"CANARY smtp pw\" | gitlab_rails['smtp_password'] = \"****\"",
        "gitlab_rails['db_password']='CANARY' | gitlab_rails['db_password']='****'",
        "'bind_password' => 'CANARY-ldap', 'port' => 636 | 'bind_password' => '****', 'port' => 636",
        ":password => \"CANARY\" | :password => \"****\"",
        "{\"db_password\": \"CANARY \\\" quoted\", \"x\": 1} | {\"db_password\": \"****\", \"x\": 1}",
        "`  secret_key_base: CANARY-key` | `  secret_key_base: ****`",
        "AWS_SECRET_ACCESS_KEY=CANARY/abc+def | AWS_SECRET_ACCESS_KEY=****",
        "export GITLAB_TOKEN=CANARY123 | export GITLAB_TOKEN=****",
        "Authorization: Bearer CANARYCANARY | Authorization: Bearer ****",
        "authorization: Basic Q0FOQVJZOkNBTkFSWQ== | authorization: Basic ****",
        "curl -H 'Authorization: token CANARY42' | curl -H 'Authorization: token ****'",
        "header Bearer eyJhbGciOiJIUzI1NiJ9.CANARY | header Bearer ****",
        "pat glpat-CANARYabcdef0123456789 used | pat **** used",
        "runner glrt-CANARY_ABCdef12345 registered | runner **** registered",
        "hook https://hooks.slack.com/services/T000/B000/CANARYxyz done | hook https://hooks.slack.com/services/**** done",
        "psql postgres://gitlab:CANARY-pw@db:5432/gitlabhq | psql postgres://gitlab:****@db:5432/gitlabhq",
        "clone https://oauth2:CANARY@gitlab.example.com/x.git | clone https://oauth2:****@gitlab.example.com/x.git",
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
  void redact_valuesLearntLater_areMaskedFromThenOn() {
    Redactor later = new Redactor(List.of());
    later.learn(List.of("CANARY-db-key-base"));

    assertThat(later.redact("key CANARY-db-key-base!")).isEqualTo("key ****!");
  }

  @Test
  void redact_ordinaryText_isUnchanged() {
    assertThat(redactor.redact("backup now --skip registry"))
        .isEqualTo("backup now --skip registry");
    assertThat(redactor.redact("https://gitlab.example.com:443/x?y=1 user@host keys=[db_key_base]"))
        .isEqualTo("https://gitlab.example.com:443/x?y=1 user@host keys=[db_key_base]");
    assertThat(redactor.redact("host secrets: keys db_key_base, otp_key_base"))
        .isEqualTo("host secrets: keys db_key_base, otp_key_base");
    assertThat(redactor.redact(null)).isNull();
  }
}
