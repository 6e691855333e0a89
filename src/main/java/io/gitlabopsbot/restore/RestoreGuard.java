package io.gitlabopsbot.restore;

import io.gitlabopsbot.backup.BackupRequest;
import io.gitlabopsbot.backup.BackupService;
import java.util.Optional;

/**
 * Keeps backups from starting while a restore of the same target runs, except the restore's own
 * pre-restore backup.
 */
public final class RestoreGuard implements BackupService.Guard {

  private final RestoreOperations operations;

  public RestoreGuard(RestoreOperations operations) {
    this.operations = operations;
  }

  @Override
  public Optional<String> refusal(BackupRequest request) {
    return operations
        .active(request.target().name())
        .filter(
            active ->
                !RestoreRunner.preBackupCorrelation(active.id()).equals(request.correlationId()))
        .map(RestoreTexts::alreadyRunning);
  }
}
