package io.gitlabopsbot.migration;

import io.gitlabopsbot.access.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Rails secrets of an Omnibus host, read from {@code /etc/gitlab/gitlab-secrets.json}, ready to
 * become the chart's rails secret. Values never leave this class except as the {@code secrets.yml}
 * bytes; everything meant for people (key names, fingerprint, {@code toString}) shows no value.
 */
public final class OmnibusSecrets {

  private static final int FINGERPRINT_HEX = 12;

  private final Map<RailsSecretKey, SecretValue> values;
  private final String yaml;

  OmnibusSecrets(Map<RailsSecretKey, SecretValue> values) {
    this.values = new EnumMap<>(values);
    this.yaml = SecretsYamlWriter.write(this.values);
  }

  /**
   * Parses the file's bytes (UTF-8 JSON). Never throws for bad content: see {@link SecretsParse}.
   */
  public static SecretsParse parse(byte[] json) {
    return OmnibusSecretsReader.read(json);
  }

  /** Parses the file's text. */
  public static SecretsParse parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The exact bytes of the chart's {@code secrets.yml} (the {@code secrets.yml} key of the {@code
   * <release>-rails-secret} Secret). Secret material: write it to the cluster, never to a log.
   */
  public byte[] secretsYaml() {
    return yaml.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The first 12 hex digits of SHA-256 over {@link #secretsYaml()}: lets people compare what was
   * built with what is in the cluster without seeing a value.
   */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secretsYaml());
      return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The keys that go into {@code secrets.yml}, in file order. */
  public List<String> keyNames() {
    return values.keySet().stream().map(RailsSecretKey::key).toList();
  }

  /**
   * A redactor that masks these values (and each line of the PEM keys) in text, for output from the
   * host or the cluster that might echo one.
   */
  public Redactor redactor() {
    List<String> known = new ArrayList<>();
    for (Map.Entry<RailsSecretKey, SecretValue> entry : values.entrySet()) {
      for (String part : entry.getValue().parts()) {
        known.add(part);
        if (entry.getKey().shape() == RailsSecretKey.Shape.RSA_PEM) {
          part.lines().filter(line -> !line.startsWith("-----")).forEach(known::add);
        }
      }
    }
    return new Redactor(known);
  }

  @Override
  public String toString() {
    return "OmnibusSecrets[keys=" + keyNames() + ", fingerprint=" + fingerprint() + "]";
  }
}
