package io.gitlabopsbot.status;

import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.status.ReleaseHealth.AutoscalerState;
import io.gitlabopsbot.status.ReleaseHealth.DeploymentState;
import io.gitlabopsbot.status.ReleaseHealth.NodeState;
import io.gitlabopsbot.status.ReleaseHealth.PodState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything read for one status report, and the verdict drawn from it. */
record StatusFacts(
    Instant now,
    EqualitySelector toolboxSelector,
    Finding<List<DeploymentState>> deployments,
    Finding<List<PodState>> pods,
    Finding<List<AutoscalerState>> autoscalers,
    Finding<List<NodeState>> nodes,
    Finding<Optional<Instant>> lastBackup,
    Finding<Optional<LastBackupRun.Run>> lastRun,
    Finding<Integer> firingAlerts) {

  /** A backup older than this is stale: a daily schedule plus slack for a slow run. */
  static final Duration STALE_BACKUP = Duration.ofHours(26);

  /** A pod whose container restarted within this window counts as restarting. */
  static final Duration RECENT_RESTART = Duration.ofHours(1);

  enum Verdict {
    HEALTHY,
    DEGRADED,
    DOWN
  }

  Verdict verdict() {
    if (!downReasons().isEmpty()) {
      return Verdict.DOWN;
    }
    return degradedReasons().isEmpty() ? Verdict.HEALTHY : Verdict.DEGRADED;
  }

  List<String> downReasons() {
    List<String> reasons = new ArrayList<>();
    if (deployments instanceof Finding.Read<List<DeploymentState>> read) {
      if (read.value().isEmpty()) {
        reasons.add("no Deployment of the release found");
      }
      read.value().stream()
          .filter(d -> d.desired() > 0 && d.ready() == 0)
          .forEach(d -> reasons.add(d.name() + " has no ready replica"));
    }
    return reasons;
  }

  List<String> degradedReasons() {
    List<String> reasons = new ArrayList<>();
    if (deployments instanceof Finding.Read<List<DeploymentState>> read) {
      long partial =
          read.value().stream().filter(d -> d.ready() > 0 && d.ready() < d.desired()).count();
      count(reasons, partial, "Deployment not fully ready", "Deployments not fully ready");
      if (!toolboxPresent(read.value())) {
        reasons.add("no toolbox");
      }
    }
    if (pods instanceof Finding.Read<List<PodState>> read) {
      count(reasons, problemPods(read.value()).size(), "problem pod", "problem pods");
    }
    if (autoscalers instanceof Finding.Read<List<AutoscalerState>> read) {
      count(
          reasons,
          read.value().stream().filter(AutoscalerState::atMax).count(),
          "HPA at max",
          "HPAs at max");
    }
    if (nodes instanceof Finding.Read<List<NodeState>> read) {
      count(
          reasons, problemNodes(read.value()).size(), "node with problems", "nodes with problems");
    }
    if (lastBackup instanceof Finding.Read<Optional<Instant>> read) {
      if (read.value().isEmpty()) {
        reasons.add("no backup");
      } else if (backupStale(read.value().get())) {
        reasons.add("last backup older than " + STALE_BACKUP.toHours() + " h");
      }
    }
    if (lastRunFailed().isPresent()) {
      reasons.add("last backup run failed");
    }
    if (firingAlerts instanceof Finding.Read<Integer> read) {
      count(reasons, read.value(), "firing alert", "firing alerts");
    }
    List<String> unreadable = new ArrayList<>();
    unreadable(unreadable, "deployments", deployments);
    unreadable(unreadable, "pods", pods);
    unreadable(unreadable, "HPAs", autoscalers);
    unreadable(unreadable, "nodes", nodes);
    unreadable(unreadable, "last backup", lastBackup);
    unreadable(unreadable, "backup runs", lastRun);
    unreadable(unreadable, "alerts", firingAlerts);
    if (!unreadable.isEmpty()) {
      reasons.add("could not read " + String.join(", ", unreadable));
    }
    return reasons;
  }

  /**
   * The newest backup run, when it failed and no backup in the bucket is newer: a failure that a
   * later backup has made good is history, not a problem (its Job is kept a week for its log).
   */
  Optional<LastBackupRun.Run> lastRunFailed() {
    if (!(lastRun instanceof Finding.Read<Optional<LastBackupRun.Run>> run)
        || run.value().isEmpty()
        || !run.value().get().failed()) {
      return Optional.empty();
    }
    Instant started = run.value().get().started();
    if (lastBackup instanceof Finding.Read<Optional<Instant>> newest
        && newest.value().isPresent()
        && started != null
        && newest.value().get().isAfter(started)) {
      return Optional.empty();
    }
    return run.value();
  }

  List<PodState> problemPods(List<PodState> all) {
    return all.stream().filter(this::problem).toList();
  }

  static List<NodeState> problemNodes(List<NodeState> all) {
    return all.stream().filter(n -> !n.problems().isEmpty()).toList();
  }

  boolean toolboxPresent(List<DeploymentState> all) {
    return all.stream()
        .anyMatch(d -> d.labels().entrySet().containsAll(toolboxSelector.labels().entrySet()));
  }

  boolean backupStale(Instant takenAt) {
    return Duration.between(takenAt, now).compareTo(STALE_BACKUP) > 0;
  }

  private boolean problem(PodState pod) {
    if ("Succeeded".equals(pod.phase()) || pod.ofTheBot()) {
      // A finished Job pod is not a problem; the bot's own backup and restore pods are reported
      // under backups, with the run's reason, not as pods of the release.
      return false;
    }
    boolean restartedRecently =
        pod.lastRestartAt() != null
            && Duration.between(pod.lastRestartAt(), now).compareTo(RECENT_RESTART) <= 0;
    return !pod.ready() || restartedRecently;
  }

  private static void count(List<String> reasons, long n, String one, String many) {
    if (n > 0) {
      reasons.add(n + " " + (n == 1 ? one : many));
    }
  }

  private static void unreadable(List<String> names, String name, Finding<?> finding) {
    if (finding instanceof Finding.Unreadable<?> u && !u.expected()) {
      names.add(name);
    }
  }
}
