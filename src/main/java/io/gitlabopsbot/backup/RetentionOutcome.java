package io.gitlabopsbot.backup;

import io.gitlabopsbot.effects.Operation;
import java.util.List;
import java.util.Objects;

/**
 * What applying retention did.
 *
 * @param deleted backups actually deleted (always empty in a dry run)
 * @param notPerformed the exact deletions a dry run would have made
 * @param failure why retention stopped early, or null when every planned deletion was handled
 */
public record RetentionOutcome(
    RetentionPlan plan,
    boolean dryRun,
    List<BackupObject> deleted,
    List<Operation> notPerformed,
    String failure) {

  public RetentionOutcome {
    Objects.requireNonNull(plan, "plan");
    deleted = List.copyOf(deleted);
    notPerformed = List.copyOf(notPerformed);
  }

  public boolean failed() {
    return failure != null;
  }
}
