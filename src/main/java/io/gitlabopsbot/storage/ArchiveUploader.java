package io.gitlabopsbot.storage;

import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Streams a large archive (a backup tar read from another host) into object storage with constant
 * memory, whatever its size.
 */
public interface ArchiveUploader {

  /**
   * Uploads exactly {@code size} bytes from {@code source} to {@code bucket}/{@code key}, replacing
   * any unfinished earlier upload of the same key, and checks what the store received.
   *
   * @param bytesSent told the running total of bytes sent after each part
   * @return the upload's size and SHA-256, to compare with the source's own checksum
   * @throws StorageException when the store refuses or the check fails; nothing partial is left
   * @throws UploadSourceException when reading {@code source} fails or it ends early; nothing
   *     partial is left
   */
  UploadedArchive upload(
      String bucket, String key, InputStream source, long size, LongConsumer bytesSent);

  /**
   * What was uploaded.
   *
   * @param sha256 lower-case hex SHA-256 of the bytes sent
   * @param parts how many parts the upload took
   */
  record UploadedArchive(String bucket, String key, long size, String sha256, int parts) {}
}
