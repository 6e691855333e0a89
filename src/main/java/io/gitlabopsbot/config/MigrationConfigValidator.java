package io.gitlabopsbot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates the {@code migration} section; null when it is absent. */
final class MigrationConfigValidator {

  static final String KEY_ENV = "MIGRATION_SSH_PRIVATE_KEY";
  static final String PASSPHRASE_ENV = "MIGRATION_SSH_KEY_PASSPHRASE";

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");
  private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Set<String> REQUIRED = Set.of("uploads", "artifacts", "lfs");
  private static final Set<String> KNOWN =
      Set.of("uploads", "artifacts", "lfs", "packages", "terraform_state");

  private final Problems problems;
  private final Map<String, String> env;

  MigrationConfigValidator(Problems problems, Map<String, String> env) {
    this.problems = problems;
    this.env = env;
  }

  MigrationConfig validate(RawConfig.Migration raw) {
    if (raw == null) {
      return null;
    }
    RawConfig.MigrationSsh ssh =
        Objects.requireNonNullElse(
            raw.ssh(), new RawConfig.MigrationSsh(null, null, null, null, null, null, null, null));
    String host =
        problems.required(HOST, ssh.host(), "migration.ssh.host", "the Omnibus host's name or IP");
    int port = Objects.requireNonNullElse(ssh.port(), 22);
    if (port < 1 || port > 65535) {
      problems.add("migration.ssh.port: " + port + " must be between 1 and 65535");
    }
    String user = problems.required(USER, ssh.user(), "migration.ssh.user", "a Linux user name");
    Path knownHosts = path(ssh.knownHostsFile(), "migration.ssh.knownHostsFile", true);
    Secret key = secret(KEY_ENV);
    Path keyFile = path(ssh.privateKeyFile(), "migration.ssh.privateKeyFile", false);
    if ((key == null) == (keyFile == null)) {
      problems.add(
          "migration.ssh: give the client key either in "
              + KEY_ENV
              + " (PEM text) or as"
              + " migration.ssh.privateKeyFile, exactly one of them");
    }
    RawConfig.MigrationStorage storage = raw.objectStorage();
    if (storage == null) {
      problems.add("migration.objectStorage: required (region and buckets of the chart)");
      storage = new RawConfig.MigrationStorage(null, null, null, Map.of());
    }
    String region =
        problems.required(
            REGION,
            storage.region(),
            "migration.objectStorage.region",
            "an AWS region such as eu-west-1");
    if (storage.endpoint() != null) {
      problems.checkUrl("migration.objectStorage.endpoint", storage.endpoint(), false);
    }
    return new MigrationConfig(
        raw.target(),
        host,
        port,
        user,
        knownHosts,
        key,
        keyFile,
        secret(PASSPHRASE_ENV),
        Objects.requireNonNullElse(ssh.useSudo(), true),
        duration(ssh.connectTimeout(), "migration.ssh.connectTimeout", Duration.ofSeconds(15)),
        duration(ssh.commandTimeout(), "migration.ssh.commandTimeout", Duration.ofMinutes(30)),
        region,
        storage.endpoint(),
        Objects.requireNonNullElse(storage.pathStyle(), false),
        buckets(storage.buckets()),
        duration(raw.approvalTtl(), "migration.approvalTtl", Duration.ofMinutes(15)));
  }

  private Map<String, String> buckets(Map<String, String> raw) {
    Map<String, String> buckets = new LinkedHashMap<>(raw == null ? Map.of() : raw);
    for (String type : REQUIRED) {
      if (!buckets.containsKey(type)) {
        problems.add(
            "migration.objectStorage.buckets."
                + type
                + ": required (the chart's "
                + type
                + " bucket)");
      }
    }
    buckets.forEach(
        (type, bucket) -> {
          if (!KNOWN.contains(type)) {
            problems.add(
                "migration.objectStorage.buckets."
                    + type
                    + ": unknown object type; known: "
                    + String.join(", ", KNOWN.stream().sorted().toList()));
          } else {
            problems.check(
                BUCKET, bucket, "migration.objectStorage.buckets." + type, "an S3 bucket name");
          }
        });
    return buckets;
  }

  private Path path(String text, String key, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        problems.add(key + ": required (a file path)");
      }
      return null;
    }
    Path path = Path.of(text);
    if (!path.isAbsolute()) {
      problems.add(key + ": `" + text + "` must be an absolute path");
    }
    return path;
  }

  private Secret secret(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : new Secret(value);
  }

  private Duration duration(String text, String key, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Duration parsed = Durations.parse(text);
    if (parsed == null || parsed.isZero()) {
      problems.add(key + ": `" + text + "` is not a duration; write e.g. 90s, 15m or 6h");
      return fallback;
    }
    return parsed;
  }
}
