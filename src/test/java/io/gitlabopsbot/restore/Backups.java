package io.gitlabopsbot.restore;

import io.gitlabopsbot.storage.TarFiles;

/** Backup archives as backup-utility writes them, for the restore tests. */
final class Backups {

  static final long T0 = 1_795_568_403L; // 2026-11-25T01:00:03Z
  static final long DAY = 86_400;
  static final String ID = T0 + "_2026_11_25_17.5.2";

  private Backups() {}

  static String key(long epoch, String version) {
    java.time.LocalDate date =
        java.time.Instant.ofEpochSecond(epoch).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    return epoch
        + "_"
        + String.format(
            "%04d_%02d_%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth())
        + "_"
        + version
        + "_gitlab_backup.tar";
  }

  static byte[] archive(long epoch, String version, String skipped) {
    String created =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000'")
            .withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.ofEpochSecond(epoch + 4));
    String yml =
        "---\n:db_version: 20241118094512\n:backup_created_at: "
            + created
            + "\n:gitlab_version: "
            + version
            + "\n:installation_type: gitlab-helm-chart\n"
            + (skipped.isEmpty() ? "" : ":skipped: " + skipped + "\n");
    return TarFiles.tar()
        .add("./backup_information.yml", yml)
        .add("./db/database.sql.gz", new byte[2048])
        .bytes();
  }
}
