package io.gitlabopsbot.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The backups in a bucket at one moment, newest first.
 *
 * @param ignoredKeys keys in the bucket that are not backup archives (other files, partial names)
 * @param listedAt when the listing was taken, for ages
 */
public record BackupListing(
    String bucket, List<BackupObject> newestFirst, List<String> ignoredKeys, Instant listedAt) {

  public BackupListing {
    Objects.requireNonNull(bucket, "bucket");
    newestFirst = List.copyOf(newestFirst);
    ignoredKeys = List.copyOf(ignoredKeys);
    Objects.requireNonNull(listedAt, "listedAt");
  }

  /** The IDs of the newest {@code n} backups, for "did you mean" messages. */
  public List<String> newestIds(int n) {
    return newestFirst.stream().limit(n).map(BackupObject::id).toList();
  }
}
