package io.gitlabopsbot.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A backup archive in the bucket, with what the catalog concluded about its size.
 *
 * @param key the object key
 * @param size bytes
 * @param lastModified when the store last wrote the object
 * @param health whether the size looks like a complete backup
 * @param medianOfPrevious median size of up to {@value BackupCatalog#SIZE_WINDOW} older non-empty
 *     backups, 0 when there are none
 */
public record BackupObject(
    BackupName name,
    String key,
    long size,
    Instant lastModified,
    Health health,
    long medianOfPrevious) {

  /** How trustworthy a backup looks from its size alone. */
  public enum Health {
    OK,
    /** Zero bytes: the upload failed or was interrupted. */
    EMPTY,
    /** Less than half the median of the backups before it. */
    SUSPICIOUSLY_SMALL;

    public boolean flagged() {
      return this != OK;
    }
  }

  public BackupObject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(health, "health");
  }

  public String id() {
    return name.id();
  }

  public Instant createdAt() {
    return name.createdAt();
  }

  /** Time since the backup started; never negative (a clock behind the name counts as 0). */
  public Duration age(Instant now) {
    Duration age = Duration.between(createdAt(), now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** One phrase for the flag, e.g. {@code empty (0 bytes)}; empty string when healthy. */
  public String flagText() {
    return switch (health) {
      case OK -> "";
      case EMPTY -> "empty (0 bytes)";
      case SUSPICIOUSLY_SMALL ->
          "suspiciously small: "
              + Sizes.human(size)
              + " vs a median of "
              + Sizes.human(medianOfPrevious)
              + " for the backups before it";
    };
  }
}
