package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackupInformationTest {

  static String fixture() {
    try (InputStream in =
        BackupInformationTest.class.getResourceAsStream(
            "/fixtures/backup/backup_information.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void parse_readsTheRubySymbolKeysOfTheChartsFile() {
    BackupInformation info = BackupInformation.parse(fixture());

    assertThat(info.gitlabVersion()).isEqualTo("17.5.2");
    assertThat(info.createdAt()).isEqualTo(Instant.parse("2026-11-25T01:00:07Z"));
    assertThat(info.installationType()).isEqualTo("gitlab-helm-chart");
    assertThat(info.skipped()).containsExactly("registry");
    assertThat(info.dbVersion()).isEqualTo("20241118094512");
  }

  @Test
  void parse_acceptsCommaListsFractionsAndOffsetsWithColons() {
    BackupInformation info =
        BackupInformation.parse(
            ":gitlab_version: '17.6.0-ee'\n"
                + ":backup_created_at: 2026-11-25 03:00:07.123456789 +02:00\n"
                + ":skipped: registry,artifacts, pages\n"
                + ":some_new_key: whatever\n");

    assertThat(info.createdAt()).isEqualTo(Instant.parse("2026-11-25T01:00:07.123456789Z"));
    assertThat(info.skipped()).containsExactly("registry", "artifacts", "pages");
    assertThat(info.installationType()).isNull();
  }

  @Test
  void parse_whenVersionMissing_namesTheKey() {
    assertThatThrownBy(() -> BackupInformation.parse(":db_version: 1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backup_information.yml has no :gitlab_version:");
  }

  @Test
  void parse_whenNotYaml_saysSo() {
    assertThatThrownBy(() -> BackupInformation.parse(":a: [unclosed\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("backup_information.yml is not valid YAML");
  }
}
