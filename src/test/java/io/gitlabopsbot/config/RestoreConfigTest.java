package io.gitlabopsbot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreConfigTest {

  @TempDir Path dir;

  private Settings load(String yaml) throws IOException {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        """
            + yaml);
    return new SettingsLoader(Map.of(), env -> ProxySettings.none()).load(file, false);
  }

  @Test
  void load_withoutRestoreSection_usesTheDefaults() throws IOException {
    RestoreConfig restore = load("dryRun: false\n").restore();

    assertThat(restore).isEqualTo(RestoreConfig.defaults());
    assertThat(restore.approvalTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(restore.preRestoreBackup()).isTrue();
    assertThat(restore.typedConfirmation()).isFalse();
  }

  @Test
  void load_exampleConfig_readsTheRestoreSection() {
    RestoreConfig restore =
        new SettingsLoader(Map.of(), env -> ProxySettings.none())
            .load(Path.of("config.example.yaml"), false)
            .restore();

    assertThat(restore.approvalTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(restore.activeDeadline()).isEqualTo(Duration.ofHours(6));
    assertThat(restore.typedConfirmation()).isFalse();
  }

  @Test
  void load_readsEveryKey() throws IOException {
    RestoreConfig restore =
        load("""
                restore:
                  approvalTtl: 30m
                  preRestoreBackup: false
                  deployments: [app=kas, "app=gitlab-exporter"]
                  readyTimeout: 20m
                  activeDeadline: 3h
                  typedConfirmation: true
                """)
            .restore();

    assertThat(restore)
        .isEqualTo(
            new RestoreConfig(
                Duration.ofMinutes(30),
                false,
                List.of("app=kas", "app=gitlab-exporter"),
                Duration.ofMinutes(20),
                Duration.ofHours(3),
                true));
  }

  @Test
  void load_withBadValues_namesEachKey() {
    assertThatThrownBy(
            () ->
                load(
                    """
                    restore:
                      approvalTtl: 2d
                      deployments: [kas]
                      readyTimeout: soon
                    """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("restore.approvalTtl")
        .hasMessageContaining("restore.deployments[0]")
        .hasMessageContaining("restore.readyTimeout: `soon` is not a duration");
  }
}
