package io.gitlabopsbot.migration;

import static io.gitlabopsbot.migration.SecretFixtures.CANARY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OmnibusSecretsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static OmnibusSecrets valid() {
    SecretsParse parse = OmnibusSecrets.parse(SecretFixtures.validJson());
    assertThat(parse).isInstanceOf(SecretsParse.Parsed.class);
    return parse.orThrow();
  }

  @Test
  void parse_whenEveryKeyIsWellFormed_listsTheKeysInSecretsYmlOrder() {
    assertThat(valid().keyNames())
        .containsExactly(
            "secret_key_base",
            "db_key_base",
            "otp_key_base",
            "encrypted_settings_key_base",
            "openid_connect_signing_key",
            "ci_jwt_signing_key",
            "active_record_encryption_primary_key",
            "active_record_encryption_deterministic_key",
            "active_record_encryption_key_derivation_salt");
  }

  @Test
  void secretsYaml_parsedBack_holdsExactlyTheRailsValuesOfTheJson() throws Exception {
    OmnibusSecrets secrets = valid();
    JsonNode rails = JSON.readTree(SecretFixtures.validJson()).get("gitlab_rails");

    JsonNode yaml = YAML.readTree(secrets.secretsYaml());

    assertThat(yaml.size()).isEqualTo(1);
    JsonNode production = yaml.get("production");
    assertThat(production.size()).isEqualTo(secrets.keyNames().size());
    for (String key : secrets.keyNames()) {
      assertThat(production.get(key)).as(key).isEqualTo(rails.get(key));
    }
  }

  @Test
  void secretsYaml_writesPemAsLiteralBlocksAndListsAsSequences() {
    String yaml = new String(valid().secretsYaml(), StandardCharsets.UTF_8);

    assertThat(yaml).startsWith("production:\n  secret_key_base: 'CANARY-secret-key-base-");
    assertThat(yaml)
        .contains("  openid_connect_signing_key: |\n    -----BEGIN RSA PRIVATE KEY-----\n")
        .contains("  ci_jwt_signing_key: |\n    -----BEGIN PRIVATE KEY-----\n")
        .contains(
            "  active_record_encryption_primary_key:\n"
                + "    - 'CANARY-ar-primary-old-Hq2Lm9Zp'\n"
                + "    - 'CANARY-ar-primary-new-Xt4Vb8Nc'\n")
        .contains("  active_record_encryption_key_derivation_salt: 'CANARY-ar-salt-Pj5Gd1Fe'\n");
  }

  @Test
  void secretsYaml_keepsTokensThatLookLikeNumbersOrBooleansAsStrings() throws Exception {
    String json =
        SecretFixtures.validJson()
            .replaceFirst("\"CANARY-otp-key-base-[0-9a-f]+\"", "\"1e5\"")
            .replaceFirst("\"CANARY-ar-salt-Pj5Gd1Fe\"", "\"it's true\"");

    JsonNode production =
        YAML.readTree(OmnibusSecrets.parse(json).orThrow().secretsYaml()).get("production");

    assertThat(production.get("otp_key_base").isTextual()).isTrue();
    assertThat(production.get("otp_key_base").textValue()).isEqualTo("1e5");
    assertThat(production.get("active_record_encryption_key_derivation_salt").textValue())
        .isEqualTo("it's true");
  }

  @Test
  void secretsYaml_withoutOptionalKeys_leavesThemOut() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    var root =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            mapper.readTree(SecretFixtures.validJson());
    var rails = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("gitlab_rails");
    rails.remove("encrypted_settings_key_base");
    rails.remove("active_record_encryption_primary_key");
    rails.remove("active_record_encryption_deterministic_key");
    rails.remove("active_record_encryption_key_derivation_salt");

    OmnibusSecrets secrets = OmnibusSecrets.parse(mapper.writeValueAsString(root)).orThrow();

    assertThat(secrets.keyNames())
        .containsExactly(
            "secret_key_base",
            "db_key_base",
            "otp_key_base",
            "openid_connect_signing_key",
            "ci_jwt_signing_key");
  }

  @Test
  void fingerprint_isTheFirst12HexOfSha256OverTheYaml_andStableAcrossParses() throws Exception {
    OmnibusSecrets secrets = valid();
    String expected =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(secrets.secretsYaml()))
            .substring(0, 12);

    assertThat(secrets.fingerprint()).isEqualTo(expected).hasSize(12);
    assertThat(valid().fingerprint()).isEqualTo(expected);
  }

  @Test
  void fingerprint_changesWhenAnyValueChanges() {
    String other =
        SecretFixtures.validJson().replace("CANARY-ar-salt-Pj5Gd1Fe", "CANARY-ar-salt-X");

    assertThat(OmnibusSecrets.parse(other).orThrow().fingerprint())
        .isNotEqualTo(valid().fingerprint());
  }

  @Test
  void toString_showsKeyNamesAndFingerprintButNoValue() {
    OmnibusSecrets secrets = valid();

    assertThat(secrets.toString())
        .contains("ci_jwt_signing_key", secrets.fingerprint())
        .doesNotContain(CANARY, "PRIVATE KEY", "MII");
  }

  @Test
  void redactor_masksEveryValueAndPemLine() {
    OmnibusSecrets secrets = valid();
    String pemLine = SecretFixtures.pkcs8Pem().lines().skip(3).findFirst().orElseThrow();
    String leaked =
        "db: CANARY-db-key-base-8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f"
            + " ar: CANARY-ar-primary-old-Hq2Lm9Zp line: "
            + pemLine;

    assertThat(secrets.redactor().redact(leaked)).doesNotContain(CANARY, pemLine);
  }
}
