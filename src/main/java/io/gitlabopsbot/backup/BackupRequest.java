package io.gitlabopsbot.backup;

import io.gitlabopsbot.config.TargetSettings;
import java.util.List;
import java.util.Objects;

/**
 * A request to back up one GitLab installation now.
 *
 * @param skip components to pass to {@code --skip}, not yet validated
 * @param requester the Slack user ID (or CLI user) who asked, recorded on the Job
 * @param dryRun when true nothing is created: the Job that would be created is described
 */
public record BackupRequest(
    TargetSettings target,
    List<String> skip,
    String requester,
    String correlationId,
    boolean dryRun) {

  public BackupRequest {
    Objects.requireNonNull(target, "target");
    skip = List.copyOf(skip);
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(correlationId, "correlationId");
  }
}
