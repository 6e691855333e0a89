package io.gitlabopsbot.config;

import java.time.Duration;

/**
 * How backups run and are kept (config section {@code backup}).
 *
 * @param s3Tool {@code --s3tool} for backup-utility; {@code awscli} because s3cmd fails with IRSA
 * @param storageClass {@code --storage-class}, blank for the bucket default
 * @param maximumBackups {@code --maximum-backups}, 0 to leave rotation to the bot's retention
 * @param activeDeadline how long a backup Job may run before Kubernetes stops it
 * @param keepLast retention: keep at most this many backups; null = no count limit
 * @param maxAge retention: delete backups older than this; null = no age limit
 * @param missedDeadline a scheduled backup that produced nothing by this long after its fire time
 *     raises a "missed backup" warning
 */
public record BackupConfig(
    String s3Tool,
    String storageClass,
    int maximumBackups,
    Duration activeDeadline,
    Integer keepLast,
    Duration maxAge,
    Duration missedDeadline) {

  public static BackupConfig defaults() {
    return new BackupConfig("awscli", "", 0, Duration.ofHours(6), null, null, Duration.ofHours(3));
  }
}
