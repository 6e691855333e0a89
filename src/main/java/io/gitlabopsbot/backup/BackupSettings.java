package io.gitlabopsbot.backup;

import io.gitlabopsbot.config.BackupConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@code backup now} runs: {@code backup-utility} options and the bounds of every wait.
 *
 * @param s3Tool value of {@code --s3tool}, {@code awscli} by default (s3cmd fails with IRSA); blank
 *     leaves the chart default
 * @param storageClass value of {@code --storage-class}, or blank for the bucket default
 * @param maximumBackups value of {@code --maximum-backups}, or 0 to leave it out
 * @param pollInterval how often the Job is observed
 * @param activeDeadline the Job's {@code activeDeadlineSeconds}; Kubernetes stops it after this
 * @param ttlAfterFinished the Job's {@code ttlSecondsAfterFinished}, long enough to read its log
 * @param followGrace how long past the deadline the bot keeps following before giving up
 * @param apiErrorTolerance consecutive failed API calls tolerated while following
 * @param execFallback exec backup-utility in the toolbox pod when Jobs are forbidden (opt-in)
 * @param unschedulableTimeout how long a backup pod may wait for a node before the backup is failed
 */
public record BackupSettings(
    String s3Tool,
    String storageClass,
    int maximumBackups,
    Duration pollInterval,
    Duration activeDeadline,
    Duration ttlAfterFinished,
    Duration followGrace,
    int logTailLines,
    int logTailBytes,
    int apiErrorTolerance,
    boolean execFallback,
    Duration unschedulableTimeout) {

  private static final Pattern S3_TOOL = Pattern.compile("|awscli|s3cmd|gsutil|azcopy");
  private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Z_]*");

  public BackupSettings {
    s3Tool = s3Tool == null ? "" : s3Tool.strip();
    storageClass = storageClass == null ? "" : storageClass.strip();
    if (!S3_TOOL.matcher(s3Tool).matches()) {
      throw new IllegalArgumentException(
          "backup.s3Tool '" + s3Tool + "' is not one of awscli, s3cmd, gsutil, azcopy");
    }
    if (!STORAGE_CLASS.matcher(storageClass).matches()) {
      throw new IllegalArgumentException(
          "backup.storageClass '" + storageClass + "' is not an S3 storage class like STANDARD_IA");
    }
    if (maximumBackups < 0) {
      throw new IllegalArgumentException("backup.maximumBackups must be 0 (off) or more");
    }
    for (Duration d :
        new Duration[] {
          pollInterval, activeDeadline, ttlAfterFinished, followGrace, unschedulableTimeout
        }) {
      if (Objects.requireNonNull(d, "duration").isNegative() || d.isZero()) {
        throw new IllegalArgumentException("backup durations must be positive, not " + d);
      }
    }
    if (logTailLines < 1 || logTailBytes < 1 || apiErrorTolerance < 0) {
      throw new IllegalArgumentException(
          "backup.logTailLines and logTailBytes must be positive, apiErrorTolerance not negative");
    }
  }

  /** awscli, no storage class or rotation, poll every 10 s, 6 h deadline, logs kept 7 days. */
  public static BackupSettings defaults() {
    return new BackupSettings(
        "awscli",
        "",
        0,
        Duration.ofSeconds(10),
        Duration.ofHours(6),
        Duration.ofDays(7),
        Duration.ofMinutes(15),
        200,
        64 * 1024,
        5,
        false,
        Duration.ofMinutes(10));
  }

  /** The defaults with what the {@code backup} config sets. */
  public static BackupSettings from(BackupConfig config) {
    BackupSettings d = defaults();
    return new BackupSettings(
        config.s3Tool(),
        config.storageClass(),
        config.maximumBackups(),
        d.pollInterval,
        config.activeDeadline(),
        d.ttlAfterFinished,
        d.followGrace,
        d.logTailLines,
        d.logTailBytes,
        d.apiErrorTolerance,
        config.execFallback(),
        config.unschedulableTimeout());
  }

  public BackupSettings withPollInterval(Duration interval) {
    return new BackupSettings(
        s3Tool,
        storageClass,
        maximumBackups,
        interval,
        activeDeadline,
        ttlAfterFinished,
        followGrace,
        logTailLines,
        logTailBytes,
        apiErrorTolerance,
        execFallback,
        unschedulableTimeout);
  }

  public BackupSettings withExecFallback(boolean enabled) {
    return new BackupSettings(
        s3Tool,
        storageClass,
        maximumBackups,
        pollInterval,
        activeDeadline,
        ttlAfterFinished,
        followGrace,
        logTailLines,
        logTailBytes,
        apiErrorTolerance,
        enabled,
        unschedulableTimeout);
  }

  public BackupSettings withUnschedulableTimeout(Duration timeout) {
    return new BackupSettings(
        s3Tool,
        storageClass,
        maximumBackups,
        pollInterval,
        activeDeadline,
        ttlAfterFinished,
        followGrace,
        logTailLines,
        logTailBytes,
        apiErrorTolerance,
        execFallback,
        timeout);
  }
}
