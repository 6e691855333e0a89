package io.gitlabopsbot.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Validates the {@code backup} section. */
final class BackupConfigValidator {

  private static final Pattern S3_TOOL = Pattern.compile("awscli|s3cmd|gsutil|azcopy");
  private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Z_]*");

  private final Problems problems;

  BackupConfigValidator(Problems problems) {
    this.problems = problems;
  }

  BackupConfig validate(RawConfig.Backup raw) {
    BackupConfig d = BackupConfig.defaults();
    if (raw == null) {
      return d;
    }
    String s3Tool = Objects.requireNonNullElse(raw.s3Tool(), d.s3Tool());
    problems.check(S3_TOOL, s3Tool, "backup.s3Tool", "awscli, s3cmd, gsutil or azcopy");
    String storageClass = Objects.requireNonNullElse(raw.storageClass(), d.storageClass());
    problems.check(
        STORAGE_CLASS, storageClass, "backup.storageClass", "an S3 storage class like STANDARD_IA");
    int maximum = Objects.requireNonNullElse(raw.maximumBackups(), d.maximumBackups());
    if (maximum < 0) {
      problems.add("backup.maximumBackups: " + maximum + " must be 0 (off) or more");
    }
    Duration deadline = duration(raw.activeDeadline(), "backup.activeDeadline", d.activeDeadline());
    Duration missed = duration(raw.missedDeadline(), "backup.missedDeadline", d.missedDeadline());
    Integer keepLast = raw.retention() == null ? null : raw.retention().keepLast();
    if (keepLast != null && keepLast < 1) {
      problems.add("backup.retention.keepLast: " + keepLast + " must be 1 or more (or left out)");
    }
    Duration maxAge =
        raw.retention() == null
            ? null
            : duration(raw.retention().maxAge(), "backup.retention.maxAge", null);
    boolean execFallback = Objects.requireNonNullElse(raw.execFallback(), d.execFallback());
    Duration stuck =
        duration(
            raw.unschedulableTimeout(), "backup.unschedulableTimeout", d.unschedulableTimeout());
    return new BackupConfig(
        s3Tool, storageClass, maximum, deadline, keepLast, maxAge, missed, execFallback, stuck);
  }

  private Duration duration(String text, String key, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Duration parsed = Durations.parse(text);
    if (parsed == null || parsed.isZero()) {
      problems.add(key + ": `" + text + "` is not a duration; write e.g. 90s, 15m, 6h or 30d");
      return fallback;
    }
    return parsed;
  }
}
