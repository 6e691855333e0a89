package io.gitlabopsbot.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the YAML config (or the embedded defaults) and the secrets from the environment, once, at
 * start. Fails fast with every problem found, each naming its key.
 */
public final class SettingsLoader {

  /** Environment variable naming the config file when {@code --config} is not given. */
  public static final String CONFIG_ENV = "GITLAB_OPS_BOT_CONFIG";

  static final String DEFAULTS_RESOURCE = "/default-config.yaml";

  private final ObjectMapper yaml =
      YAMLMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private final Map<String, String> env;
  private final Function<Map<String, String>, ProxySettings> proxyReader;

  /**
   * @param env the process environment (secrets, config path, proxy variables)
   * @param proxyReader reads HTTPS_PROXY/NO_PROXY from {@code env}; throws IllegalArgumentException
   *     naming the bad variable
   */
  public SettingsLoader(
      Map<String, String> env, Function<Map<String, String>, ProxySettings> proxyReader) {
    this.env = Map.copyOf(env);
    this.proxyReader = proxyReader;
  }

  /**
   * Loads {@code file}, or the file named by {@value #CONFIG_ENV}, or the embedded defaults.
   *
   * @param file may be null
   * @param dryRunFlag true when {@code --dry-run} was given; it can only switch dry-run on
   */
  public Settings load(Path file, boolean dryRunFlag) {
    Path chosen = file != null ? file : configFromEnv();
    RawConfig raw;
    String source;
    if (chosen == null) {
      source = "(embedded defaults)";
      raw = readDefaults();
    } else {
      source = chosen.toString();
      raw = readFile(chosen);
    }
    return new SettingsValidator(env, proxyReader, source).validate(raw, dryRunFlag);
  }

  /** Whether a config file is in use (as opposed to the embedded defaults). */
  public boolean usesDefaults(Path file) {
    return file == null && configFromEnv() == null;
  }

  private Path configFromEnv() {
    String value = env.get(CONFIG_ENV);
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  private RawConfig readDefaults() {
    try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "embedded " + DEFAULTS_RESOURCE + " is missing from the jar");
      }
      return parse(in.readAllBytes(), "(embedded defaults)");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read embedded " + DEFAULTS_RESOURCE, e);
    }
  }

  private RawConfig readFile(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException(
          path.toString(),
          List.of("file not found or not a regular file: " + path.toAbsolutePath()));
    }
    try {
      return parse(Files.readAllBytes(path), path.toString());
    } catch (IOException e) {
      throw new ConfigException(
          path.toString(), List.of("cannot read the file: " + e.getMessage()));
    }
  }

  private RawConfig parse(byte[] content, String source) {
    try {
      RawConfig raw = yaml.readValue(content, RawConfig.class);
      if (raw == null) {
        throw new ConfigException(source, List.of("the file is empty"));
      }
      return raw;
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(source, List.of(unknownKey(e)));
    } catch (JsonMappingException e) {
      throw new ConfigException(
          source, List.of(path(e) + ": " + firstLine(e.getOriginalMessage()) + location(e)));
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          source, List.of("not valid YAML: " + firstLine(e.getOriginalMessage()) + location(e)));
    } catch (IOException e) {
      throw new ConfigException(source, List.of("cannot read the file: " + e.getMessage()));
    }
  }

  private static String unknownKey(UnrecognizedPropertyException e) {
    String key = path(e);
    String name = e.getPropertyName().toLowerCase(Locale.ROOT);
    if (name.contains("token") || name.contains("secret") || name.contains("password")) {
      return "`"
          + key
          + "` looks like a secret: secrets must not be in the YAML file; remove it and set the"
          + " environment variable instead (SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET,"
          + " GITLAB_OPS_BOT_DB_PASSWORD)";
    }
    String known =
        e.getKnownPropertyIds().stream()
            .map(String::valueOf)
            .sorted()
            .collect(Collectors.joining(", "));
    return "unknown key `" + key + "`" + location(e) + "; known keys here: " + known;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(top level)" : path.toString();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "invalid value";
    }
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
