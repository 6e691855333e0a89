package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script running {@code run backup now} learns from the exit code whether a backup was made, and
 * the audit log says the same.
 */
class BackupNowCliTest {

  // fabric8 reads these system properties when it configures its client; port 1 refuses at once.
  private static final Map<String, String> UNREACHABLE_CLUSTER =
      Map.of(
          "kubernetes.master", "https://127.0.0.1:1",
          "kubernetes.auth.tryKubeConfig", "false",
          "kubernetes.auth.tryServiceAccount", "false");

  @TempDir Path dir;
  private Path config;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws IOException {
    UNREACHABLE_CLUSTER.forEach(System::setProperty);
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        store: {jdbcUrl: "jdbc:h2:file:%s/store"}
        access: {cliRoles: [viewer, operator]}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        """
            .formatted(dir.toAbsolutePath()));
  }

  @AfterEach
  void clearProperties() {
    UNREACHABLE_CLUSTER.keySet().forEach(System::clearProperty);
  }

  @Test
  void backupNow_whenTheClusterIsUnreachable_exitsFailedAndIsAuditedFailed() {
    int code = run("backup", "now");

    assertThat(code).isEqualTo(Main.EXIT_FAILED);
    assertThat(text()).contains("Backup of `gitlab` *Failed*");
    out.reset();
    assertThat(run("audit", "2")).isEqualTo(Main.EXIT_OK);
    assertThat(text()).contains("failed").contains("backup now").contains("backup failed: ");
  }

  @Test
  void backupNow_whenRefused_exitsRefusedAndIsAuditedRefusedWithTheReason() {
    int code = run("backup", "now", "--skip", "regsitry");

    assertThat(code).isEqualTo(Main.EXIT_REFUSED);
    assertThat(text()).contains("not started").contains("regsitry");
    out.reset();
    assertThat(run("audit", "2")).isEqualTo(Main.EXIT_OK);
    assertThat(text())
        .contains("refused")
        .contains("backup now --skip=regsitry")
        .contains("backup not started: ");
  }

  private int run(String... words) {
    return CliRuns.run(config, out, words);
  }

  private String text() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
