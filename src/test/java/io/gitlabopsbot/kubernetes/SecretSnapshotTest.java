package io.gitlabopsbot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretSnapshotTest {

  static final String CANARY = "CANARY-db_key_base-7f3a9c";

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void toString_showsKeysAndFingerprintButNoValue() {
    SecretSnapshot snapshot =
        new SecretSnapshot("gitlab-rails-secret", "42", Map.of("secrets.yml", bytes(CANARY)));

    assertThat(snapshot.toString())
        .contains("gitlab-rails-secret", "42", "[secrets.yml]", snapshot.fingerprint())
        .doesNotContain(CANARY)
        .doesNotContain(java.util.Base64.getEncoder().encodeToString(bytes(CANARY)));
    assertThat(snapshot.fingerprint()).matches("[0-9a-f]{16}");
  }

  @Test
  void data_isCopiedOnTheWayInAndOut() {
    byte[] value = bytes("one");
    Map<String, byte[]> input = new HashMap<>(Map.of("secrets.yml", value));
    SecretSnapshot snapshot = new SecretSnapshot("s", "1", input);
    String before = snapshot.fingerprint();

    value[0] = 'X';
    input.put("other", bytes("two"));
    snapshot.data().get("secrets.yml")[0] = 'Y';

    assertThat(snapshot.data()).containsOnlyKeys("secrets.yml");
    assertThat(snapshot.data().get("secrets.yml")).isEqualTo(bytes("one"));
    assertThat(snapshot.fingerprint()).isEqualTo(before);
  }

  @Test
  void equalsAndFingerprint_followTheContent() {
    SecretSnapshot a = new SecretSnapshot("s", "1", Map.of("k", bytes("v"), "l", bytes("w")));
    SecretSnapshot same = new SecretSnapshot("s", "1", Map.of("l", bytes("w"), "k", bytes("v")));
    SecretSnapshot changed =
        new SecretSnapshot("s", "1", Map.of("k", bytes("v2"), "l", bytes("w")));
    // Same bytes split differently between key and value must not collide.
    SecretSnapshot shifted = new SecretSnapshot("s", "1", Map.of("kv", bytes(""), "l", bytes("w")));

    assertThat(a).isEqualTo(same).hasSameHashCodeAs(same);
    assertThat(a.fingerprint()).isEqualTo(same.fingerprint());
    assertThat(a).isNotEqualTo(changed);
    assertThat(a.fingerprint()).isNotEqualTo(changed.fingerprint());
    assertThat(a.fingerprint()).isNotEqualTo(shifted.fingerprint());
  }
}
