package io.gitlabopsbot.restore;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One restore as stored, so that it survives the bot process.
 *
 * @param replicas the replica counts recorded before scaling down, by Deployment; empty until then
 * @param jobName the restore Job, once created; else null
 * @param messageChannel where its progress message is, or null
 */
public record RestoreOperation(
    String id,
    String target,
    String namespace,
    String backupId,
    String approvalId,
    String requesterId,
    String correlationId,
    String ownerId,
    Status status,
    RestorePhase phase,
    Map<String, Integer> replicas,
    String jobName,
    String messageChannel,
    String messageTs,
    String detail,
    Instant startedAt,
    Instant heartbeatAt) {

  public RestoreOperation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(phase, "phase");
    replicas = replicas == null ? Map.of() : Map.copyOf(replicas);
  }

  /** Where a restore is in its life. */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** The process running it stopped mid-way; a human decides what to do. */
    UNKNOWN
  }

  /** Whether its progress message was recorded. */
  public boolean hasMessage() {
    return messageChannel != null && messageTs != null;
  }
}
