package io.gitlabopsbot.restore;

import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.DeploymentState;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.PodState;
import io.gitlabopsbot.kubernetes.Workloads;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A hand-written stand-in for the Workloads port: Deployments whose pods appear and go at once when
 * scaled or deleted, every call recorded. The port is not what these tests are about.
 */
final class FakeWorkloads implements Workloads {

  private final Map<String, Deployment> deployments = new LinkedHashMap<>();
  private final List<String> calls = new ArrayList<>();
  final Set<String> failScaling = ConcurrentHashMap.newKeySet();
  volatile Optional<String> version = Optional.of("17.5.2");
  volatile boolean podsNeverReady;
  volatile Consumer<String> beforeScale = call -> {};

  private static final class Deployment {
    final String name;
    final String app;
    int desired;
    int generation;

    Deployment(String name, String app, int desired) {
      this.name = name;
      this.app = app;
      this.desired = desired;
    }
  }

  /** webservice (3), sidekiq (2) and toolbox (1) of release gitlab. */
  static FakeWorkloads gitlab() {
    FakeWorkloads fake = new FakeWorkloads();
    fake.add("gitlab-webservice-default", "webservice", 3);
    fake.add("gitlab-sidekiq-all-in-1-v2", "sidekiq", 2);
    fake.add("gitlab-toolbox", "toolbox", 1);
    return fake;
  }

  synchronized void add(String name, String app, int desired) {
    deployments.put(name, new Deployment(name, app, desired));
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized int desired(String name) {
    return deployments.get(name).desired;
  }

  @Override
  public synchronized List<DeploymentState> deployments(
      String namespace, EqualitySelector selector) {
    String app = selector.labels().get("app");
    return deployments.values().stream()
        .filter(d -> app == null || app.equals(d.app))
        .map(
            d ->
                new DeploymentState(
                    d.name,
                    Map.of("app", d.app, "release", "gitlab"),
                    d.desired,
                    podsNeverReady ? 0 : d.desired,
                    d.desired,
                    !podsNeverReady))
        .toList();
  }

  @Override
  public void scale(String namespace, String deployment, int replicas) {
    beforeScale.accept(deployment + "=" + replicas);
    synchronized (this) {
      calls.add("scale " + deployment + " " + replicas);
      if (failScaling.contains(deployment)) {
        throw new ClusterException("scaling " + deployment + " is forbidden (HTTP 403)", null);
      }
      Deployment d = deployments.get(deployment);
      if (d == null) {
        throw new ClusterException.NotFound("no Deployment " + deployment, null);
      }
      if (replicas > d.desired) {
        d.generation++; // the pods started now are new pods, with new names
      }
      d.desired = replicas;
    }
  }

  @Override
  public synchronized boolean deletePod(String namespace, EqualitySelector selector, String name) {
    for (Deployment d : deployments.values()) {
      if (d.app.equals(selector.labels().get("app")) && podNames(d.app).contains(name)) {
        calls.add("delete pod " + name);
        d.generation++;
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized List<String> deletePods(String namespace, EqualitySelector selector) {
    calls.add("delete pods " + selector);
    List<String> deleted = new ArrayList<>(podNames(selector.labels().get("app")));
    deployments.values().stream()
        .filter(d -> d.app.equals(selector.labels().get("app")))
        .forEach(d -> d.generation++);
    return deleted;
  }

  @Override
  public synchronized List<PodState> pods(String namespace, EqualitySelector selector) {
    return podNames(selector.labels().get("app")).stream()
        .map(name -> new PodState(name, "Running", !podsNeverReady, false, Instant.EPOCH))
        .toList();
  }

  @Override
  public Optional<String> gitlabVersion(String namespace, String release) {
    return version;
  }

  private List<String> podNames(String app) {
    List<String> names = new ArrayList<>();
    for (Deployment d : deployments.values()) {
      if (d.app.equals(app)) {
        for (int i = 0; i < d.desired; i++) {
          names.add(d.name + "-g" + d.generation + "-" + i);
        }
      }
    }
    return names;
  }
}
