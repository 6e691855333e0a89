package io.gitlabopsbot.backup;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.storage.BackupStore;
import io.gitlabopsbot.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Applies the retention policy to a target's bucket: plans, deletes through {@link SideEffects},
 * and audits every deletion. Called by {@code backup prune} and after each successful backup.
 */
public final class RetentionService {

  /** The command name audit rows of deletions carry, whoever triggered them. */
  public static final String AUDIT_COMMAND = "backup prune";

  private final BackupCatalog catalog;
  private final BackupStore store;
  private final RetentionPlanner planner;
  private final SideEffects effects;
  private final AuditLog audit;
  private final Clock clock;
  private final RetentionSettings settings;

  public RetentionService(
      BackupCatalog catalog,
      BackupStore store,
      SideEffects effects,
      AuditLog audit,
      Clock clock,
      RetentionSettings settings) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.store = Objects.requireNonNull(store, "store");
    this.planner = new RetentionPlanner();
    this.effects = Objects.requireNonNull(effects, "effects");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public RetentionSettings settings() {
    return settings;
  }

  /**
   * Applies the retention policy to every target that backs up into the bucket a backup just
   * finished in, as the scheduler.
   */
  public void afterBackup(
      BackupOutcome.Succeeded backup, Collection<TargetSettings> targets, boolean dryRun) {
    targets.stream()
        .filter(t -> t.backupBucket().equals(backup.bucket()))
        .forEach(t -> apply(t, dryRun, Caller.SCHEDULER, "retention-" + backup.key()));
  }

  /**
   * Lists the target's bucket, plans retention and deletes what the plan says (nothing in a dry
   * run). Stops at the first failed deletion and reports it in the outcome.
   *
   * @param caller who asked; for runs after a scheduled backup, a caller with source {@code
   *     scheduler}
   * @param correlationId of the command or job; each deletion's audit row gets {@code
   *     <correlationId>.d<n>} so that completing the command's own row cannot overwrite it
   * @throws StorageException if the bucket cannot be listed
   */
  public RetentionOutcome apply(
      TargetSettings target, boolean dryRun, Caller caller, String correlationId) {
    String bucket = target.backupBucket();
    RetentionPlan plan = planner.plan(catalog.list(bucket), settings, clock.instant());
    boolean dry = dryRun || effects.dryRun();
    List<Operation> notPerformed = new ArrayList<>();
    SideEffects gate = dry ? effects.forcedDryRun(notPerformed::add) : effects;
    List<BackupObject> deleted = new ArrayList<>();
    int n = 0;
    for (BackupObject backup : plan.deletions()) {
      Operation operation =
          new Operation(
              "s3",
              "delete s3://" + bucket + "/" + backup.key(),
              Sizes.human(backup.size()) + ", created " + backup.createdAt());
      if (dry) {
        gate.run(operation, () -> store.delete(bucket, backup.key()));
        continue;
      }
      String rowId = correlationId + ".d" + ++n;
      // Recorded before deleting: if the audit log cannot be written, nothing is deleted.
      record(caller, rowId, bucket, backup, "deleting", plan.explanation());
      try {
        gate.run(operation, () -> store.delete(bucket, backup.key()));
      } catch (StorageException e) {
        audit.complete(rowId, "failed", e.getMessage());
        return new RetentionOutcome(plan, false, deleted, notPerformed, e.getMessage());
      }
      audit.complete(
          rowId,
          "deleted",
          Sizes.human(backup.size())
              + ", created "
              + backup.createdAt()
              + "; "
              + plan.explanation());
      deleted.add(backup);
    }
    return new RetentionOutcome(plan, dry, deleted, notPerformed, null);
  }

  private void record(
      Caller caller,
      String rowId,
      String bucket,
      BackupObject backup,
      String outcome,
      String detail) {
    audit.record(
        new AuditEntry(
            clock.instant(),
            rowId,
            caller.source(),
            caller.teamId(),
            caller.channelId(),
            caller.userId(),
            AUDIT_COMMAND,
            "s3://" + bucket + "/" + backup.key(),
            "allowed",
            outcome,
            detail));
  }
}
