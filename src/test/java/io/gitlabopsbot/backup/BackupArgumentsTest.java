package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupArgumentsTest {

  @Test
  void of_whenKnownComponents_buildsArgumentArrayWithDefaults() {
    BackupArguments arguments =
        BackupArguments.of(
            List.of("registry", " artifacts", "registry"), BackupSettings.defaults());

    assertThat(arguments.skip()).containsExactly("registry", "artifacts");
    assertThat(arguments.arguments())
        .containsExactly("--skip", "registry", "--skip", "artifacts", "--s3tool", "awscli");
  }

  @Test
  void of_whenStorageClassAndRotationConfigured_addsThem() {
    BackupSettings settings =
        new BackupSettings(
            "awscli",
            "STANDARD_IA",
            14,
            Duration.ofSeconds(10),
            Duration.ofHours(6),
            Duration.ofDays(7),
            Duration.ofMinutes(15),
            200,
            65536,
            5,
            false,
            Duration.ofMinutes(5));

    assertThat(BackupArguments.of(List.of(), settings).arguments())
        .containsExactly(
            "--s3tool", "awscli", "--storage-class", "STANDARD_IA", "--maximum-backups", "14");
  }

  @Test
  void of_whenUnknownComponent_namesItAndListsTheValidOnes() {
    assertThatThrownBy(
            () -> BackupArguments.of(List.of("db", "regsitry"), BackupSettings.defaults()))
        .isInstanceOf(BackupArguments.UnknownComponentException.class)
        .hasMessageContaining("unknown backup component regsitry")
        .hasMessageContaining("artifacts, builds, ci_secure_files, db, external_diffs, lfs");
  }

  @Test
  void settings_whenStorageClassLooksLikeShell_isRejected() {
    assertThatThrownBy(
            () ->
                new BackupSettings(
                    "awscli",
                    "STANDARD; rm -rf /",
                    0,
                    Duration.ofSeconds(1),
                    Duration.ofHours(1),
                    Duration.ofDays(1),
                    Duration.ofMinutes(1),
                    10,
                    10,
                    0,
                    false,
                    Duration.ofMinutes(5)))
        .hasMessageContaining("storageClass");
  }
}
