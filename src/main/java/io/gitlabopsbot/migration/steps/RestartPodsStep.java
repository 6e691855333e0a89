package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.DeploymentState;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.kubernetes.PodState;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 3-2: deletes the release's webservice, sidekiq and toolbox pods so their Deployments start
 * new ones that load the replaced rails secret, then waits until those Deployments are rolled out
 * and every pod is Ready.
 */
final class RestartPodsStep implements RunbookProcedure {

  /** The chart's apps that read the rails secret. */
  static final List<String> APPS = List.of("webservice", "sidekiq", "toolbox");

  private final MigrationOptions options;
  private final Workloads workloads;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollEvery;

  RestartPodsStep(
      MigrationOptions options,
      Workloads workloads,
      Clock clock,
      Sleeper sleeper,
      Duration pollEvery) {
    this.options = options;
    this.workloads = workloads;
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollEvery = pollEvery;
  }

  @Override
  public RunbookStep step() {
    return RunbookStep.RESTART_PODS;
  }

  @Override
  public String describe() {
    return "delete the pods labelled app=webservice|sidekiq|toolbox, release="
        + options.helmRelease()
        + " in namespace "
        + options.namespace()
        + " and wait until their Deployments are Ready again";
  }

  @Override
  public Precheck precheck(StepContext context) {
    return deployments().isEmpty()
        ? new Precheck.Blocked(
            "no webservice, sidekiq or toolbox Deployment of release "
                + options.helmRelease()
                + " in namespace "
                + options.namespace()
                + "; is the chart installed?")
        : new Precheck.Ready();
  }

  @Override
  public void act(StepContext context) {
    for (String app : APPS) {
      List<String> deleted = workloads.deletePods(options.namespace(), selector(app));
      context.output(
          "deleted " + deleted.size() + " " + app + " pod(s): " + String.join(", ", deleted));
    }
    Instant giveUp = clock.instant().plus(timeout());
    while (true) {
      List<String> waiting = notReady();
      if (waiting.isEmpty()) {
        return;
      }
      context.status("waiting for " + String.join(", ", waiting));
      if (!clock.instant().isBefore(giveUp)) {
        throw new StepFailedException(
            "not Ready within "
                + timeout().toMinutes()
                + " min: "
                + String.join(", ", waiting)
                + ". Check `kubectl -n "
                + options.namespace()
                + " get pods -l release="
                + options.helmRelease()
                + "` and the pods' events.");
      }
      sleeper.sleep(pollEvery);
    }
  }

  @Override
  public Check verify(StepContext context) {
    List<String> waiting = notReady();
    return waiting.isEmpty()
        ? new Check.Passed("webservice, sidekiq and toolbox are Ready again")
        : new Check.Failed("not Ready: " + String.join(", ", waiting));
  }

  private List<String> notReady() {
    List<String> waiting = new ArrayList<>();
    for (DeploymentState deployment : deployments()) {
      if (!deployment.rolledOut()) {
        waiting.add(
            "Deployment "
                + deployment.name()
                + " ("
                + deployment.ready()
                + "/"
                + deployment.desired()
                + " ready)");
      }
    }
    for (String app : APPS) {
      for (PodState pod : workloads.pods(options.namespace(), selector(app))) {
        if (pod.terminating() || !pod.ready()) {
          waiting.add(
              "pod "
                  + pod.name()
                  + (pod.terminating() ? " (terminating)" : " (" + pod.phase() + ")"));
        }
      }
    }
    return waiting;
  }

  private List<DeploymentState> deployments() {
    List<DeploymentState> all = new ArrayList<>();
    for (String app : APPS) {
      all.addAll(workloads.deployments(options.namespace(), selector(app)));
    }
    return all;
  }

  private EqualitySelector selector(String app) {
    return new EqualitySelector(Map.of("app", app, "release", options.helmRelease()));
  }
}
