package io.gitlabopsbot.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Secret's data at one resourceVersion. Its text form shows key names and a fingerprint only,
 * never a value, so it is safe in logs, Slack messages and exception texts.
 *
 * @param data key → decoded value; copied on the way in and on the way out, so neither the caller
 *     nor a later reader can change the snapshot
 */
public record SecretSnapshot(String name, String resourceVersion, Map<String, byte[]> data) {

  /** Hex digits of the SHA-256 shown: enough to tell two versions apart, short enough to read. */
  private static final int FINGERPRINT_HEX = 16;

  public SecretSnapshot {
    Objects.requireNonNull(name, "name");
    data = copy(Objects.requireNonNull(data, "data"));
  }

  @Override
  public Map<String, byte[]> data() {
    return copy(data);
  }

  /**
   * The first 16 hex digits of the SHA-256 over all keys and values (sorted by key): equal for
   * equal data, different for any change, and revealing nothing about the values.
   */
  public String fingerprint() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> e : data.entrySet()) {
        byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
        // Lengths first, so that moving bytes between a key and its value changes the hash.
        sha.update(lengthOf(key));
        sha.update(key);
        sha.update(lengthOf(e.getValue()));
        sha.update(e.getValue());
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, FINGERPRINT_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretSnapshot s
        && name.equals(s.name)
        && Objects.equals(resourceVersion, s.resourceVersion)
        && data.size() == s.data.size()
        && data.entrySet().stream()
            .allMatch(e -> Arrays.equals(e.getValue(), s.data.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, resourceVersion, fingerprint());
  }

  @Override
  public String toString() {
    return "SecretSnapshot[name="
        + name
        + ", resourceVersion="
        + resourceVersion
        + ", keys="
        + data.keySet()
        + ", sha256="
        + fingerprint()
        + "]";
  }

  private static byte[] lengthOf(byte[] bytes) {
    int n = bytes.length;
    return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }

  private static Map<String, byte[]> copy(Map<String, byte[]> data) {
    // Sorted, so the key list and the fingerprint do not depend on the API's map order.
    TreeMap<String, byte[]> copy = new TreeMap<>();
    data.forEach((k, v) -> copy.put(k, Objects.requireNonNull(v, k).clone()));
    return Collections.unmodifiableSortedMap(copy);
  }
}
