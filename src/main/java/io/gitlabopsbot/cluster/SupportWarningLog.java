package io.gitlabopsbot.cluster;

import java.time.Instant;

/** Remembers which support warnings were posted, shared by all replicas and across restarts. */
public interface SupportWarningLog {

  /**
   * Records that {@code warning} for {@code cluster} at {@code version} is being posted.
   *
   * @return true if this caller won and must post; false if it was recorded before (by anyone)
   * @throws io.gitlabopsbot.store.StoreException if the store could not be written
   */
  boolean claim(String cluster, String version, String warning, Instant at);

  /** Forgets a claim whose post failed, so the next check tries again. */
  void release(String cluster, String version, String warning);
}
