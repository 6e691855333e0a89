package io.gitlabopsbot.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One object in a bucket as the store lists it.
 *
 * @param size in bytes
 * @param lastModified when the store last wrote it
 */
public record StoredObject(String key, long size, Instant lastModified) {

  public StoredObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
