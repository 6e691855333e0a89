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
 * @param execFallback run backup-utility by exec in the toolbox pod when Jobs may not be created
 *     (off by default: it needs {@code pods/exec}, which reaches every pod of the namespace)
 * @param unschedulableTimeout a backup pod that no node can take for this long is reported failed
 *     and its Job deleted (other start failures are reported within a minute); long enough for the
 *     cluster autoscaler to add a node
 */
public record BackupConfig(
    String s3Tool,
    String storageClass,
    int maximumBackups,
    Duration activeDeadline,
    Integer keepLast,
    Duration maxAge,
    Duration missedDeadline,
    boolean execFallback,
    Duration unschedulableTimeout) {

  public static BackupConfig defaults() {
    return new BackupConfig(
        "awscli",
        "",
        0,
        Duration.ofHours(6),
        null,
        null,
        Duration.ofHours(3),
        false,
        Duration.ofMinutes(10));
  }
}
