package io.gitlabopsbot.storage;

import java.util.List;
import java.util.Optional;

/**
 * Object storage that holds GitLab backup archives. Every call is bounded in time; failures are
 * {@link StorageException}s naming the bucket, the key and what to do.
 */
public interface BackupStore {

  /** The largest range {@link #readRange} returns, so no caller can pull a whole archive. */
  int MAX_RANGE = 1024 * 1024;

  /** Every object in {@code bucket}, in key order. */
  List<StoredObject> list(String bucket);

  /** The object's metadata, or empty if there is no object under {@code key}. */
  Optional<StoredObject> head(String bucket, String key);

  /**
   * Up to {@code length} bytes from {@code offset}; fewer when the object ends earlier, none when
   * {@code offset} is at or past its end.
   *
   * @throws IllegalArgumentException if {@code length} is not between 1 and {@link #MAX_RANGE}
   */
  byte[] readRange(String bucket, String key, long offset, int length);

  /** Deletes the object; deleting a missing object is not an error. */
  void delete(String bucket, String key);
}
