package io.gitlabopsbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationConfigTest {

  private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nCANARY-ssh-key\n-----END";

  @TempDir Path dir;

  private Settings load(String yaml, Map<String, String> env) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        """
            + yaml);
    return new SettingsLoader(env, env2 -> ProxySettings.none()).load(file, false);
  }

  private static final String VALID =
      """
      migration:
        ssh:
          host: gitlab-omnibus.internal
          user: gitlab-migrate
          knownHostsFile: /etc/gitlab-ops-bot/ssh/known_hosts
        objectStorage:
          region: eu-west-1
          buckets: {uploads: acme-uploads, artifacts: acme-artifacts, lfs: acme-lfs}
      """;

  @Test
  void load_withoutMigrationSection_leavesItOff() throws IOException {
    assertThat(load("dryRun: false\n", Map.of()).migration()).isNull();
  }

  @Test
  void load_withTheKeyInTheEnvironment_readsEveryDefaultAndMasksTheKey() throws IOException {
    Settings settings = load(VALID, Map.of("MIGRATION_SSH_PRIVATE_KEY", KEY));
    MigrationConfig migration = settings.migration();

    assertThat(migration.port()).isEqualTo(22);
    assertThat(migration.useSudo()).isTrue();
    assertThat(migration.commandTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(migration.approvalTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(migration.buckets()).containsEntry("lfs", "acme-lfs");
    assertThat(migration.privateKey().value()).isEqualTo(KEY);
    assertThat(migration.toString()).doesNotContain("CANARY");
    assertThat(settings.secrets()).extracting(Secret::value).contains(KEY);
  }

  @Test
  void load_withProblems_namesEachKey() {
    String broken =
        """
        migration:
          target: nowhere
          ssh:
            host: "bad host; rm"
            user: gitlab-migrate
            knownHostsFile: relative/known_hosts
            connectTimeout: soon
          objectStorage:
            region: europe
            buckets: {uploads: acme-uploads, artifacts: Not_A_Bucket, registry: acme-registry}
        """;

    ConfigException e = catchThrowableOfType(() -> load(broken, Map.of()), ConfigException.class);

    assertThat(e.problems())
        .anyMatch(p -> p.startsWith("migration.target:"))
        .anyMatch(p -> p.startsWith("migration.ssh.host:"))
        .anyMatch(p -> p.startsWith("migration.ssh.knownHostsFile:") && p.contains("absolute"))
        .anyMatch(p -> p.startsWith("migration.ssh.connectTimeout:"))
        .anyMatch(p -> p.startsWith("migration.ssh:") && p.contains("MIGRATION_SSH_PRIVATE_KEY"))
        .anyMatch(p -> p.startsWith("migration.objectStorage.region:"))
        .anyMatch(
            p -> p.startsWith("migration.objectStorage.buckets.lfs:") && p.contains("required"))
        .anyMatch(p -> p.startsWith("migration.objectStorage.buckets.artifacts:"))
        .anyMatch(
            p ->
                p.startsWith("migration.objectStorage.buckets.registry:") && p.contains("unknown"));
  }

  @Test
  void load_withTheKeyInBothPlaces_asksForExactlyOne() {
    String withFile =
        VALID.replace(
            "    knownHostsFile:", "    privateKeyFile: /keys/id_ed25519\n    knownHostsFile:");

    ConfigException e =
        catchThrowableOfType(
            () -> load(withFile, Map.of("MIGRATION_SSH_PRIVATE_KEY", KEY)), ConfigException.class);

    assertThat(e.problems()).anyMatch(p -> p.contains("exactly one of them"));
    assertThat(String.join("\n", e.problems())).doesNotContain("CANARY");
  }

  @Test
  void exampleConfig_migrationSection_isValidOnceUncommented() throws IOException {
    String example = Files.readString(Path.of("config.example.yaml"));
    String section =
        example
            .substring(example.indexOf("# migration:"), example.indexOf("\ncluster:"))
            .lines()
            .map(line -> line.startsWith("# ") ? line.substring(2) : line)
            .filter(line -> !line.startsWith("#") && !line.startsWith("The Omnibus"))
            .reduce("", (a, b) -> a + b + "\n")
            .replace("target: prod", "target: gitlab");

    MigrationConfig migration = load(section, Map.of()).migration();

    assertThat(migration.host()).isEqualTo("gitlab-omnibus.internal");
    assertThat(migration.privateKeyFile()).isEqualTo(Path.of("/etc/gitlab-ops-bot/ssh/id_ed25519"));
  }
}
