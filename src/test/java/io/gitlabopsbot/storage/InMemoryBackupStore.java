package io.gitlabopsbot.storage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A fake of our storage port for tests whose subject is not the S3 adapter. */
public final class InMemoryBackupStore implements BackupStore {

  private final Map<String, byte[]> objects = new TreeMap<>();
  private RuntimeException deleteFailure;

  public InMemoryBackupStore put(String key, byte[] content) {
    objects.put(key, content.clone());
    return this;
  }

  @Override
  public List<StoredObject> list(String bucket) {
    List<StoredObject> list = new ArrayList<>();
    objects.forEach((k, v) -> list.add(new StoredObject(k, v.length, Instant.EPOCH)));
    return list;
  }

  @Override
  public Optional<StoredObject> head(String bucket, String key) {
    byte[] content = objects.get(key);
    return content == null
        ? Optional.empty()
        : Optional.of(new StoredObject(key, content.length, Instant.EPOCH));
  }

  @Override
  public byte[] readRange(String bucket, String key, long offset, int length) {
    if (length < 1 || length > MAX_RANGE) {
      throw new IllegalArgumentException("bad length " + length);
    }
    byte[] content = objects.get(key);
    if (offset >= content.length) {
      return new byte[0];
    }
    return Arrays.copyOfRange(
        content, (int) offset, (int) Math.min(content.length, offset + length));
  }

  /** Makes every later delete throw {@code failure}, as a store refusing deletions would. */
  public InMemoryBackupStore failDeletesWith(RuntimeException failure) {
    this.deleteFailure = failure;
    return this;
  }

  @Override
  public void delete(String bucket, String key) {
    if (deleteFailure != null) {
      throw deleteFailure;
    }
    objects.remove(key);
  }
}
