package io.gitlabopsbot.migration;

import static io.gitlabopsbot.migration.SecretFixtures.CANARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OmnibusSecretsProblemsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static SecretsParse.Invalid invalid(String json) {
    SecretsParse parse = OmnibusSecrets.parse(json);
    assertThat(parse).isInstanceOf(SecretsParse.Invalid.class);
    SecretsParse.Invalid invalid = (SecretsParse.Invalid) parse;
    assertNoValueLeaks(invalid);
    return invalid;
  }

  /** No problem text, summary or exception message may quote a value of the file. */
  private static void assertNoValueLeaks(SecretsParse.Invalid invalid) {
    assertThat(invalid.summary()).doesNotContain(CANARY, "MII");
    assertThat(invalid.toString()).doesNotContain(CANARY);
    assertThatThrownBy(invalid::orThrow)
        .isInstanceOf(InvalidOmnibusSecretsException.class)
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY, "MII"));
  }

  private static String validWith(Consumer<ObjectNode> change) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(SecretFixtures.validJson());
      change.accept((ObjectNode) root.get("gitlab_rails"));
      return JSON.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void parse_sharedFixture_namesBothMalformedSigningKeys() {
    SecretsParse.Invalid invalid = invalid(SecretFixtures.canaryJson());

    assertThat(invalid.problems())
        .extracting(SecretsParse.Problem::keyPath)
        .containsExactly(
            "gitlab_rails.openid_connect_signing_key", "gitlab_rails.ci_jwt_signing_key");
    assertThat(invalid.problems().get(0).reason()).contains("not base64");
  }

  @Test
  void parse_whenRequiredKeyMissing_stopsWithTheKeysName() {
    SecretsParse.Invalid invalid = invalid(validWith(rails -> rails.remove("ci_jwt_signing_key")));

    assertThat(invalid.problems())
        .containsExactly(
            new SecretsParse.Problem("gitlab_rails.ci_jwt_signing_key", "required key is missing"));
    assertThatThrownBy(invalid::orThrow)
        .hasMessageContaining("gitlab_rails.ci_jwt_signing_key: required key is missing");
  }

  @Test
  void parse_whenSeveralKeysMissing_namesEachOne() {
    SecretsParse.Invalid invalid =
        invalid(validWith(rails -> rails.remove(List.of("db_key_base", "otp_key_base"))));

    assertThat(invalid.problems())
        .extracting(SecretsParse.Problem::keyPath)
        .containsExactly("gitlab_rails.db_key_base", "gitlab_rails.otp_key_base");
  }

  @Test
  void parse_whenJsonIsMalformed_givesOnlyTheLocation() {
    String truncated = SecretFixtures.canaryJson().substring(0, 400);

    SecretsParse.Invalid invalid = invalid(truncated);

    assertThat(invalid.problems()).hasSize(1);
    assertThat(invalid.problems().get(0).keyPath()).isEqualTo("gitlab-secrets.json");
    assertThat(invalid.problems().get(0).reason()).startsWith("is not valid JSON (line ");
  }

  @Test
  void parse_whenAnUnquotedValueBreaksTheJson_doesNotEchoIt() {
    SecretsParse.Invalid invalid =
        invalid("{\"gitlab_rails\": {\"db_key_base\": CANARY-unquoted-db-key}}");

    assertThat(invalid.summary()).contains("line 1, column");
  }

  @Test
  void parse_whenAKeyIsDuplicated_refusesTheAmbiguousFile() {
    SecretsParse.Invalid invalid =
        invalid(
            "{\"gitlab_rails\": {\"db_key_base\": \"CANARY-a\", \"db_key_base\": \"CANARY-b\"}}");

    assertThat(invalid.summary()).startsWith("gitlab-secrets.json: is not valid JSON");
  }

  @Test
  void parse_whenRailsSectionMissingOrNotAnObject_saysSo() {
    assertThat(invalid("{\"gitlab_shell\": {}}").summary())
        .isEqualTo("gitlab_rails: section is missing");
    assertThat(invalid("{\"gitlab_rails\": \"CANARY\"}").summary())
        .isEqualTo("gitlab_rails: is not a JSON object");
    assertThat(invalid("[\"CANARY\"]").summary())
        .isEqualTo("gitlab-secrets.json: is not a JSON object");
  }

  @Test
  void parse_whenValuesHaveTheWrongShape_namesTheKeyAndTheExpectedShape() {
    SecretsParse.Invalid invalid =
        invalid(
            validWith(
                rails -> {
                  rails.put("secret_key_base", 42);
                  rails.put("otp_key_base", "   ");
                  rails.putArray("db_key_base");
                  rails.putArray("active_record_encryption_primary_key").add("CANARY-ok").add(7);
                  rails.put("encrypted_settings_key_base", "CANARY-line\nbreak");
                }));

    assertThat(invalid.problems())
        .containsExactly(
            new SecretsParse.Problem(
                "gitlab_rails.secret_key_base", "must be a string, found number"),
            new SecretsParse.Problem("gitlab_rails.db_key_base", "is an empty list"),
            new SecretsParse.Problem("gitlab_rails.otp_key_base", "is empty"),
            new SecretsParse.Problem(
                "gitlab_rails.encrypted_settings_key_base",
                "contains a line break or control character"),
            new SecretsParse.Problem(
                "gitlab_rails.active_record_encryption_primary_key[1]",
                "must be a string, found number"));
  }

  @Test
  void parse_whenOnlySomeActiveRecordKeysArePresent_namesTheMissingOnes() {
    SecretsParse.Invalid invalid =
        invalid(validWith(rails -> rails.remove("active_record_encryption_key_derivation_salt")));

    assertThat(invalid.problems())
        .extracting(SecretsParse.Problem::keyPath)
        .containsExactly("gitlab_rails.active_record_encryption_key_derivation_salt");
  }

  @Test
  void parse_whenSigningKeyIsNotArmoured_namesTheExpectedArmour() {
    SecretsParse.Invalid invalid =
        invalid(validWith(rails -> rails.put("openid_connect_signing_key", "CANARY-raw-key")));

    assertThat(invalid.summary())
        .isEqualTo(
            "gitlab_rails.openid_connect_signing_key: is not a PEM RSA private key (expected"
                + " -----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY-----, or BEGIN/END"
                + " PRIVATE KEY)");
  }

  @Test
  void parse_whenSigningKeyIsArmouredBase64ButNotAKey_saysJavaCannotReadIt() {
    String notAKey = SecretFixtures.pem("RSA PRIVATE KEY", "CANARY-but-base64".getBytes());

    SecretsParse.Invalid invalid =
        invalid(validWith(rails -> rails.put("ci_jwt_signing_key", notAKey)));

    assertThat(invalid.summary())
        .isEqualTo(
            "gitlab_rails.ci_jwt_signing_key: has PEM armour but Java cannot read it as an RSA"
                + " private key");
  }

  @Test
  void parse_whenSigningKeyIsTooShort_givesItsSize() {
    String small = SecretFixtures.pem("PRIVATE KEY", SecretFixtures.newKey(1024));

    SecretsParse.Invalid invalid =
        invalid(validWith(rails -> rails.put("ci_jwt_signing_key", small)));

    assertThat(invalid.summary()).contains("is a 1024-bit RSA key; at least 2048 bits expected");
  }

  @Test
  void parse_whenFileIsHuge_refusesBeforeParsing() {
    byte[] huge = new byte[OmnibusSecretsReader.MAX_BYTES + 1];

    SecretsParse parse = OmnibusSecrets.parse(huge);

    assertThat(((SecretsParse.Invalid) parse).summary())
        .startsWith("gitlab-secrets.json: is 1048577 bytes");
  }
}
