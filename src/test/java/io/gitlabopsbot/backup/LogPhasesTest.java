package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogPhasesTest {

  static String fixture(String name) {
    try (InputStream in = LogPhasesTest.class.getResourceAsStream("/fixtures/toolbox/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String upTo(String log, String marker) {
    return log.substring(0, log.indexOf(marker));
  }

  @Test
  void read_whenSuccessLog_isCompletedWithBucketAndKey() {
    LogPhases.Reading reading = LogPhases.read(fixture("backup-utility-success.log"));

    assertThat(reading.phase()).isEqualTo(BackupPhase.COMPLETED);
    assertThat(reading.location())
        .contains(
            new LogPhases.Location(
                "gitlab-backups", "1795568403_2026_11_25_17.5.2_gitlab_backup.tar"));
    assertThat(reading.failure()).isEmpty();
  }

  @Test
  void read_followsThePhasesAsTheLogGrows() {
    String log = fixture("backup-utility-success.log");

    assertThat(LogPhases.read("").phase()).isEqualTo(BackupPhase.QUEUED);
    assertThat(LogPhases.read(upTo(log, "Dumping registry")).phase())
        .isEqualTo(BackupPhase.RUNNING);
    assertThat(LogPhases.read(upTo(log, "upload:")).phase()).isEqualTo(BackupPhase.UPLOADING);
    assertThat(LogPhases.read(upTo(log, "[DONE] Backup can be found")).phase())
        .isEqualTo(BackupPhase.UPLOADING);
  }

  @Test
  void read_whenFailureLog_isFailedWithTheFirstErrorLine() {
    LogPhases.Reading reading = LogPhases.read(fixture("backup-utility-failure.log"));

    assertThat(reading.phase()).isEqualTo(BackupPhase.FAILED);
    assertThat(reading.location()).isEmpty();
    assertThat(reading.failure())
        .isEqualTo(
            Optional.of(
                "An error occurred (AccessDenied) when calling the ListObjectsV2 operation:"
                    + " Access Denied"));
  }

  @Test
  void read_whenOnlyExitCodeLine_isFailedUnlessZero() {
    assertThat(LogPhases.read("command terminated with exit code 2").phase())
        .isEqualTo(BackupPhase.FAILED);
    assertThat(LogPhases.read("Dumping db\ncommand terminated with exit code 0").phase())
        .isEqualTo(BackupPhase.RUNNING);
  }
}
