package io.gitlabopsbot.status;

import java.time.Instant;
import java.util.Optional;

/** When the newest backup in a bucket was taken; empty when the bucket holds none. */
@FunctionalInterface
public interface LastBackup {

  /**
   * @throws RuntimeException with a reason fit for the reader when the bucket cannot be listed
   */
  Optional<Instant> newestIn(String bucket);
}
