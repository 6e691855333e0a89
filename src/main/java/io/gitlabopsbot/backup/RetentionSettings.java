package io.gitlabopsbot.backup;

import java.time.Duration;

/**
 * How many backups to keep. A backup is deleted only when every configured limit allows it, so
 * setting both keeps at least {@code keepLast} backups and everything younger than {@code maxAge}.
 * The newest sound backup is never deleted.
 *
 * @param keepLast keep this many newest backups; null for no count limit
 * @param maxAge keep backups younger than this; null for no age limit
 */
public record RetentionSettings(Integer keepLast, Duration maxAge) {

  /** No limits: nothing is ever deleted. Proposed config keys: {@code backup.retention.*}. */
  public static final RetentionSettings KEEP_ALL = new RetentionSettings(null, null);

  public RetentionSettings {
    if (keepLast != null && keepLast < 1) {
      throw new IllegalArgumentException(
          "backup.retention.keepLast must be at least 1, not " + keepLast);
    }
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException(
          "backup.retention.maxAge must be a positive duration such as P30D, not " + maxAge);
    }
  }

  public boolean keepsAll() {
    return keepLast == null && maxAge == null;
  }

  /** E.g. {@code keep the last 7 and any younger than 30 days}. */
  public String describe() {
    if (keepsAll()) {
      return "keep all backups (no retention limits set)";
    }
    String count = keepLast == null ? null : "the last " + keepLast;
    String age = maxAge == null ? null : "any younger than " + Sizes.age(maxAge);
    return "keep "
        + (count == null ? age : age == null ? count : count + " and " + age)
        + ", and always the newest sound backup";
  }
}
