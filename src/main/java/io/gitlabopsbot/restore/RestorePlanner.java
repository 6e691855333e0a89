package io.gitlabopsbot.restore;

import io.gitlabopsbot.backup.BackupCatalog;
import io.gitlabopsbot.backup.BackupObject;
import io.gitlabopsbot.backup.BackupRun;
import io.gitlabopsbot.backup.BackupService;
import io.gitlabopsbot.backup.BackupVerifier;
import io.gitlabopsbot.backup.VerifyResult;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.DeploymentState;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a restore can be done and works out exactly what it will do, changing nothing: the
 * backup verifies, GitLab runs the backup's version, nothing else is running, the Deployments to
 * scale down exist.
 */
public final class RestorePlanner {

  /** {@code restore latest} tries at most this many of the newest backups. */
  static final int LATEST_CANDIDATES = 5;

  private static final List<String> CORE_DEPLOYMENTS = List.of("app=webservice", "app=sidekiq");

  private final BackupCatalog catalog;
  private final BackupVerifier verifier;
  private final Workloads workloads;
  private final BackupService backups;
  private final RestoreOperations operations;
  private final RestoreSettings settings;

  public RestorePlanner(
      BackupCatalog catalog,
      BackupVerifier verifier,
      Workloads workloads,
      BackupService backups,
      RestoreOperations operations,
      RestoreSettings settings) {
    this.catalog = catalog;
    this.verifier = verifier;
    this.workloads = workloads;
    this.backups = backups;
    this.operations = operations;
    this.settings = settings;
  }

  /** What planning found: a plan, or why there is none. */
  public sealed interface Planning {
    record Planned(RestorePlan plan) implements Planning {}

    record Refused(String reason) implements Planning {}
  }

  /**
   * @param typed {@code latest}, a backup ID, its file name or its epoch
   */
  public Planning plan(
      TargetSettings target,
      String typed,
      boolean preBackup,
      String requesterId,
      String correlationId) {
    try {
      Optional<String> busy = busy(target);
      if (busy.isPresent()) {
        return new Planning.Refused(busy.get());
      }
      VerifyResult verified =
          "latest".equals(typed)
              ? latest(target.backupBucket())
              : verifier.verify(target.backupBucket(), typed);
      if (verified instanceof VerifyResult.Problem problem) {
        return new Planning.Refused(problem.reason() + ". Nothing was changed.");
      }
      VerifyResult.Verified ok = (VerifyResult.Verified) verified;
      String backupVersion = ok.information().gitlabVersion();
      Optional<String> running = workloads.gitlabVersion(target.namespace(), target.helmRelease());
      if (running.isEmpty()) {
        return new Planning.Refused(
            RestoreTexts.versionUnknown(target, "it shows no single version"));
      }
      if (!numeric(running.get()).equals(numeric(backupVersion))) {
        return new Planning.Refused(
            RestoreTexts.versionMismatch(target, ok.backup().id(), backupVersion, running.get()));
      }
      List<String> deployments = deployments(target);
      if (deployments.isEmpty()) {
        return new Planning.Refused(
            "no webservice or sidekiq Deployment carries release="
                + target.helmRelease()
                + " in namespace "
                + target.namespace()
                + "; check the target's helmRelease. Nothing was changed.");
      }
      List<String> warnings = new ArrayList<>();
      if (!ok.information().skipped().isEmpty()) {
        warnings.add(
            "The backup does not contain "
                + String.join(", ", ok.information().skipped())
                + ": those parts are not restored and keep their current content.");
      }
      ok.warnings().forEach(w -> warnings.add("Check: " + w + "."));
      return new Planning.Planned(
          new RestorePlan(
              target,
              ok.backup().id(),
              target.backupBucket(),
              backupVersion,
              ok.information().skipped(),
              preBackup,
              deployments,
              warnings,
              requesterId,
              correlationId));
    } catch (StorageException e) {
      return new Planning.Refused(
          "the backup bucket could not be read: " + e.getMessage() + " Nothing was changed.");
    } catch (ClusterException e) {
      return new Planning.Refused(RestoreTexts.versionUnknown(target, e.getMessage()));
    }
  }

  /** Why a restore of {@code target} must not start now, if it must not. */
  Optional<String> busy(TargetSettings target) {
    Optional<RestoreOperation> active = operations.active(target.name());
    if (active.isPresent()) {
      return Optional.of(RestoreTexts.alreadyRunning(active.get()));
    }
    List<BackupRun> running = backups.running(target);
    if (!running.isEmpty()) {
      return Optional.of(
          "a backup of `"
              + target.name()
              + "` is running (Job `"
              + running.get(0).jobName()
              + "`); a restore never runs at the same time. Wait for it to finish, then try again.");
    }
    return Optional.empty();
  }

  private VerifyResult latest(String bucket) {
    List<BackupObject> newest = catalog.list(bucket).newestFirst();
    if (newest.isEmpty()) {
      return new VerifyResult.Problem("s3://" + bucket + " holds no backups yet", null);
    }
    List<String> problems = new ArrayList<>();
    for (BackupObject backup : newest.subList(0, Math.min(LATEST_CANDIDATES, newest.size()))) {
      VerifyResult result = verifier.verify(bucket, backup);
      if (result instanceof VerifyResult.Verified) {
        return result;
      }
      problems.add(((VerifyResult.Problem) result).reason());
    }
    return new VerifyResult.Problem(
        "none of the newest "
            + problems.size()
            + " backups verifies ("
            + String.join("; ", problems)
            + "); name one with `/gitlab backup list` and `/gitlab backup verify`",
        null);
  }

  private List<String> deployments(TargetSettings target) {
    List<EqualitySelector> selectors = new ArrayList<>();
    CORE_DEPLOYMENTS.forEach(s -> selectors.add(EqualitySelector.parse(s)));
    selectors.addAll(settings.extraDeployments());
    List<String> names = new ArrayList<>();
    for (EqualitySelector selector : selectors) {
      for (DeploymentState deployment :
          workloads.deployments(
              target.namespace(), selector.with("release", target.helmRelease()))) {
        if (!names.contains(deployment.name())) {
          names.add(deployment.name());
        }
      }
    }
    return names;
  }

  /** {@code 17.5.2-ee} and {@code 17.5.2} are the same GitLab version for a restore. */
  static String numeric(String version) {
    String v = version.strip();
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    int dash = v.indexOf('-');
    return dash < 0 ? v : v.substring(0, dash);
  }
}
