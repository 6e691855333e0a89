package io.gitlabopsbot.migration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses and validates {@code gitlab-secrets.json}; problems name key paths, never values. */
final class OmnibusSecretsReader {

  static final String FILE = "gitlab-secrets.json";

  /** Real files are a few kilobytes; anything far larger is not the file we expect. */
  static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  // Locations must never carry the file's text into a message.
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  // Two values for one key would make "which secret" ambiguous.
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final List<SecretsParse.Problem> problems = new ArrayList<>();
  private final Map<RailsSecretKey, SecretValue> values = new EnumMap<>(RailsSecretKey.class);

  private OmnibusSecretsReader() {}

  static SecretsParse read(byte[] json) {
    return new OmnibusSecretsReader().parse(json);
  }

  private SecretsParse parse(byte[] json) {
    if (json.length > MAX_BYTES) {
      return invalid(FILE, "is " + json.length + " bytes; at most " + MAX_BYTES + " expected");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input near the error: only the location is kept.
      return invalid(FILE, "is not valid JSON" + where(e.getLocation()));
    } catch (IOException e) {
      return invalid(FILE, "could not be read as JSON");
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      return invalid(FILE, "is not a JSON object");
    }
    JsonNode rails = root.get("gitlab_rails");
    if (rails == null || !rails.isObject()) {
      return invalid("gitlab_rails", rails == null ? "section is missing" : "is not a JSON object");
    }
    for (RailsSecretKey key : RailsSecretKey.values()) {
      JsonNode node = rails.get(key.key());
      if (node == null || node.isNull()) {
        if (key.presence() == RailsSecretKey.Presence.REQUIRED) {
          problems.add(new SecretsParse.Problem(key.path(), "required key is missing"));
        }
        continue;
      }
      checked(key, node).ifPresent(value -> values.put(key, value));
    }
    checkActiveRecordSet(rails);
    if (!problems.isEmpty()) {
      return new SecretsParse.Invalid(problems);
    }
    return new SecretsParse.Parsed(new OmnibusSecrets(values));
  }

  private Optional<SecretValue> checked(RailsSecretKey key, JsonNode node) {
    switch (key.shape()) {
      case TOKEN -> {
        return token(key.path(), node).map(SecretValue::single);
      }
      case RSA_PEM -> {
        if (!node.isTextual()) {
          return wrongType(key.path(), node, "a PEM string");
        }
        Optional<String> problem = RsaPrivateKeyPem.problem(node.textValue());
        problem.ifPresent(p -> problems.add(new SecretsParse.Problem(key.path(), p)));
        return problem.isPresent() ? Optional.empty() : Optional.of(single(node));
      }
      default -> {
        if (!node.isArray()) {
          return token(key.path(), node).map(SecretValue::single);
        }
        if (node.isEmpty()) {
          problems.add(new SecretsParse.Problem(key.path(), "is an empty list"));
          return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
          token(key.path() + "[" + i + "]", node.get(i)).ifPresent(parts::add);
        }
        return parts.size() == node.size()
            ? Optional.of(new SecretValue(parts, true))
            : Optional.empty();
      }
    }
  }

  private Optional<String> token(String path, JsonNode node) {
    if (!node.isTextual()) {
      wrongType(path, node, "a string");
      return Optional.empty();
    }
    String text = node.textValue();
    if (text.isBlank()) {
      problems.add(new SecretsParse.Problem(path, "is empty"));
      return Optional.empty();
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      problems.add(new SecretsParse.Problem(path, "contains a line break or control character"));
      return Optional.empty();
    }
    return Optional.of(text);
  }

  private void checkActiveRecordSet(JsonNode rails) {
    List<RailsSecretKey> set =
        List.of(
            RailsSecretKey.ACTIVE_RECORD_PRIMARY_KEY,
            RailsSecretKey.ACTIVE_RECORD_DETERMINISTIC_KEY,
            RailsSecretKey.ACTIVE_RECORD_KEY_DERIVATION_SALT);
    List<RailsSecretKey> present = set.stream().filter(k -> rails.hasNonNull(k.key())).toList();
    if (present.isEmpty() || present.size() == set.size()) {
      return;
    }
    for (RailsSecretKey key : set) {
      if (!present.contains(key)) {
        problems.add(
            new SecretsParse.Problem(
                key.path(),
                "is missing although the other Active Record encryption keys are present"));
      }
    }
  }

  private Optional<SecretValue> wrongType(String path, JsonNode node, String expected) {
    String found = node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    problems.add(new SecretsParse.Problem(path, "must be " + expected + ", found " + found));
    return Optional.empty();
  }

  private static SecretValue single(JsonNode node) {
    return SecretValue.single(node.textValue());
  }

  private static SecretsParse invalid(String path, String reason) {
    return new SecretsParse.Invalid(List.of(new SecretsParse.Problem(path, reason)));
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }
}
