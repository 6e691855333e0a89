package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupNameTest {

  @Test
  void fromKey_parsesEpochDateAndVersion() {
    BackupName name =
        BackupName.fromKey("1795568403_2026_11_25_17.5.2-ee_gitlab_backup.tar").orElseThrow();

    assertThat(name.epoch()).isEqualTo(1795568403L);
    assertThat(name.date()).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(name.version()).isEqualTo("17.5.2-ee");
    assertThat(name.id()).isEqualTo("1795568403_2026_11_25_17.5.2-ee");
    assertThat(name.key()).isEqualTo("1795568403_2026_11_25_17.5.2-ee_gitlab_backup.tar");
    assertThat(name.createdAt()).isEqualTo(Instant.ofEpochSecond(1795568403L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1795568403_2026_11_25_17.5.2_gitlab_backup.tar.gz",
        "backups/1795568403_2026_11_25_17.5.2_gitlab_backup.tar",
        "1795568403_2026_02_30_17.5.2_gitlab_backup.tar",
        "1795568403_2026_11_25_gitlab_backup.tar",
        "notes.txt"
      })
  void fromKey_whenNotABackupArchive_isEmpty(String key) {
    assertThat(BackupName.fromKey(key)).isEmpty();
  }

  @Test
  void fromId_acceptsTheIdAndTheFileName() {
    assertThat(BackupName.fromId("1795568403_2026_11_25_17.5.2").version()).isEqualTo("17.5.2");
    assertThat(BackupName.fromId("1795568403_2026_11_25_17.5.2_gitlab_backup.tar").epoch())
        .isEqualTo(1795568403L);
  }

  @Test
  void fromId_whenMalformed_quotesTheInputAndShowsTheFormat() {
    assertThatThrownBy(() -> BackupName.fromId("2026-11-25"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "`2026-11-25` is not a backup ID: expected <epoch>_<YYYY>_<MM>_<DD>_<version>, e.g."
                + " `1795568403_2026_11_25_17.5.2`, or just the epoch");
  }

  @Test
  void isEpoch_onlyForDigits() {
    assertThat(BackupName.isEpoch("1795568403")).isTrue();
    assertThat(BackupName.isEpoch("1795568403_2026")).isFalse();
  }
}
