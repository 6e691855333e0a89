package io.gitlabopsbot.restore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable restore records, shared by all replicas. Every change is a conditional update, so two
 * replicas racing for the same change cannot both win.
 */
public interface RestoreOperations {

  /** Stores a RUNNING restore; false when another restore of the same target is running. */
  boolean begin(RestoreOperation operation);

  Optional<RestoreOperation> find(String id);

  /** The RUNNING restore of {@code target}, if any. */
  Optional<RestoreOperation> active(String target);

  void phase(String id, RestorePhase phase);

  /** Records the replica counts; must be called before the first Deployment is scaled. */
  void recordReplicas(String id, Map<String, Integer> replicas);

  void jobName(String id, String jobName);

  void message(String id, String channel, String ts);

  /** RUNNING → SUCCEEDED or FAILED, releasing the target; false if it was not RUNNING. */
  boolean finish(String id, RestoreOperation.Status status, String detail);

  /** Refreshes the heartbeat of every RUNNING restore owned by {@code ownerId}. */
  int heartbeat(String ownerId, Instant now);

  /**
   * Marks RUNNING restores whose heartbeat is older than {@code staleBefore} as UNKNOWN (releasing
   * their target) and returns those this call marked.
   */
  List<RestoreOperation> markStaleUnknown(Instant staleBefore);
}
