package io.gitlabopsbot.storage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Wraps a real store and counts range reads and the bytes they return. */
public final class CountingBackupStore implements BackupStore {

  private final BackupStore delegate;
  private final AtomicInteger rangeReads = new AtomicInteger();
  private final AtomicLong bytesRead = new AtomicLong();

  public CountingBackupStore(BackupStore delegate) {
    this.delegate = delegate;
  }

  public int rangeReads() {
    return rangeReads.get();
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  @Override
  public List<StoredObject> list(String bucket) {
    return delegate.list(bucket);
  }

  @Override
  public Optional<StoredObject> head(String bucket, String key) {
    return delegate.head(bucket, key);
  }

  @Override
  public byte[] readRange(String bucket, String key, long offset, int length) {
    byte[] bytes = delegate.readRange(bucket, key, offset, length);
    rangeReads.incrementAndGet();
    bytesRead.addAndGet(bytes.length);
    return bytes;
  }

  @Override
  public void delete(String bucket, String key) {
    delegate.delete(bucket, key);
  }
}
