package io.gitlabopsbot.restore;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.effects.Operation;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.DeploymentState;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.PodState;
import io.gitlabopsbot.kubernetes.Workloads;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Stops, starts and restarts the release's Deployments for a restore, waiting within bounds. */
final class ReplicaControl {

  private final Workloads workloads;
  private final SideEffects effects;
  private final RestoreSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;

  ReplicaControl(
      Workloads workloads,
      SideEffects effects,
      RestoreSettings settings,
      Clock clock,
      Sleeper sleeper) {
    this.workloads = workloads;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** The desired replicas of each named Deployment, in plan order. */
  Map<String, Integer> record(TargetSettings target, List<String> names) {
    Map<String, DeploymentState> found = byName(target);
    Map<String, Integer> replicas = new LinkedHashMap<>();
    for (String name : names) {
      DeploymentState deployment = found.get(name);
      if (deployment == null) {
        throw new RestoreStepException(
            "Deployment `"
                + name
                + "` of the approved plan no longer exists in "
                + target.namespace());
      }
      replicas.put(name, deployment.desired());
    }
    return replicas;
  }

  void scale(TargetSettings target, String name, int replicas) {
    effects.run(
        new Operation(
            "kubernetes",
            "scale Deployment " + target.namespace() + "/" + name,
            "replicas " + replicas),
        () -> workloads.scale(target.namespace(), name, replicas));
  }

  /** Waits until the named Deployments have no pods left, ready or terminating. */
  void awaitStopped(TargetSettings target, Collection<String> names) {
    waitUntil(
        "the pods of " + RestoreTexts.names(List.copyOf(names)) + " to stop",
        () -> {
          for (DeploymentState d : byName(target).values()) {
            if (!names.contains(d.name())) {
              continue;
            }
            String app = d.labels().get("app");
            if (d.ready() > 0
                || (app != null
                    && !workloads
                        .pods(target.namespace(), release(target).with("app", app))
                        .isEmpty())) {
              return false;
            }
          }
          return true;
        });
  }

  /** Scales each Deployment back; returns one line per Deployment that could not be scaled. */
  List<String> scaleBack(TargetSettings target, Map<String, Integer> replicas) {
    List<String> failed = new ArrayList<>();
    replicas.forEach(
        (name, count) -> {
          try {
            scale(target, name, count);
          } catch (RuntimeException e) {
            failed.add("`" + name + "` (" + e.getMessage() + ")");
          }
        });
    return failed;
  }

  /** The pods of the restarted components running now, before anything is stopped. */
  Set<String> podsBefore(RestorePlan plan) {
    Set<String> names = new LinkedHashSet<>();
    for (EqualitySelector selector : plan.restartSelectors()) {
      workloads.pods(plan.target().namespace(), selector).forEach(p -> names.add(p.name()));
    }
    return names;
  }

  /**
   * Deletes the pods of {@code before} that still run: they hold connections and caches from before
   * the restore. Pods started since (the scaled-back webservice and sidekiq) already see the
   * restored data and are left alone. Returns the names deleted.
   */
  List<String> restart(RestorePlan plan, Set<String> before) {
    String namespace = plan.target().namespace();
    List<String> deleted = new ArrayList<>();
    for (EqualitySelector selector : plan.restartSelectors()) {
      for (PodState pod : workloads.pods(namespace, selector)) {
        if (!before.contains(pod.name()) || pod.terminating()) {
          continue;
        }
        boolean gone =
            effects
                .perform(
                    new Operation(
                        "kubernetes",
                        "delete pod " + namespace + "/" + pod.name(),
                        "started before the restore; its Deployment recreates it"),
                    () -> workloads.deletePod(namespace, selector, pod.name()))
                .orElse(false);
        if (gone) {
          deleted.add(pod.name());
        }
      }
    }
    return deleted;
  }

  /** Waits until the Deployments are rolled out with their replicas and the new pods Ready. */
  void awaitReady(RestorePlan plan, Map<String, Integer> replicas, List<String> deleted) {
    TargetSettings target = plan.target();
    waitUntil(
        "the restarted pods to be Ready",
        () -> {
          Map<String, DeploymentState> found = byName(target);
          for (Map.Entry<String, Integer> want : replicas.entrySet()) {
            DeploymentState d = found.get(want.getKey());
            if (d == null || !d.rolledOut() || d.ready() < want.getValue()) {
              return false;
            }
          }
          for (EqualitySelector selector : plan.restartSelectors()) {
            if (!workloads.deployments(target.namespace(), selector).stream()
                .allMatch(DeploymentState::rolledOut)) {
              return false;
            }
            for (PodState pod : workloads.pods(target.namespace(), selector)) {
              if (deleted.contains(pod.name()) || (!pod.terminating() && !pod.ready())) {
                return false;
              }
            }
          }
          return true;
        });
  }

  private Map<String, DeploymentState> byName(TargetSettings target) {
    Map<String, DeploymentState> byName = new LinkedHashMap<>();
    workloads
        .deployments(target.namespace(), release(target))
        .forEach(d -> byName.put(d.name(), d));
    return byName;
  }

  private static EqualitySelector release(TargetSettings target) {
    return new EqualitySelector(Map.of("release", target.helmRelease()));
  }

  private void waitUntil(String what, BooleanSupplier done) {
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    int errors = 0;
    while (true) {
      try {
        if (done.getAsBoolean()) {
          return;
        }
        errors = 0;
      } catch (ClusterException e) {
        if (++errors > settings.apiErrorTolerance()) {
          throw new RestoreStepException(
              "the Kubernetes API failed while waiting for " + what + ": " + e.getMessage(), "", e);
        }
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new RestoreStepException(
            "waited "
                + RestoreTexts.elapsed(settings.readyTimeout())
                + " (restore.readyTimeout) for "
                + what
                + "; they did not get there");
      }
      sleeper.sleep(settings.pollInterval());
    }
  }
}
