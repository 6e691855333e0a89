package io.gitlabopsbot.status;

import static io.gitlabopsbot.status.StatusText.table;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Block;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import io.gitlabopsbot.status.ReleaseHealth.AutoscalerState;
import io.gitlabopsbot.status.ReleaseHealth.DeploymentState;
import io.gitlabopsbot.status.ReleaseHealth.NodeState;
import io.gitlabopsbot.status.ReleaseHealth.PodState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Renders {@link StatusFacts}: a headline, then one short section per topic. */
final class StatusMessage {

  private final TargetSettings target;
  private final StatusFacts facts;

  StatusMessage(TargetSettings target, StatusFacts facts) {
    this.target = target;
    this.facts = facts;
  }

  Message render() {
    String release = target.helmRelease();
    return Message.builder(summary())
        .header("GitLab release " + release + " (" + target.name() + ")")
        .section(headline())
        .section("*Deployments*\n" + deployments())
        .section("*Problem pods*\n" + pods())
        .section("*HPAs*\n" + autoscalers())
        .section("*Nodes*\n" + nodes())
        .fields(
            List.of(
                new Block.Field("Toolbox", toolbox()),
                new Block.Field("Last backup", backup()),
                new Block.Field("Firing alerts", alerts())))
        .context(
            "Namespace `"
                + SlackText.escape(target.namespace())
                + "`, label `release="
                + SlackText.escape(release)
                + "`; read at "
                + facts.now()
                + ".")
        .build();
  }

  private String summary() {
    String base = "GitLab release " + target.helmRelease() + " in " + target.namespace() + ": ";
    return switch (facts.verdict()) {
      case HEALTHY -> base + "healthy";
      case DEGRADED -> base + "degraded (" + String.join(", ", facts.degradedReasons()) + ")";
      case DOWN -> base + "down (" + String.join(", ", facts.downReasons()) + ")";
    };
  }

  private String headline() {
    return switch (facts.verdict()) {
      case HEALTHY -> ":white_check_mark: *Healthy*";
      case DEGRADED -> ":warning: *Degraded*: " + reasons(facts.degradedReasons());
      case DOWN -> ":x: *Down*: " + reasons(facts.downReasons());
    };
  }

  private String deployments() {
    if (!(facts.deployments() instanceof Finding.Read<List<DeploymentState>> read)) {
      return unreadable(facts.deployments());
    }
    if (read.value().isEmpty()) {
      return ":x: none found with label `release=" + SlackText.escape(target.helmRelease()) + "`";
    }
    return table(
        read.value(),
        d -> mark(d.ready() < d.desired()) + d.name(),
        d -> d.ready() + "/" + d.desired());
  }

  private String pods() {
    if (!(facts.pods() instanceof Finding.Read<List<PodState>> read)) {
      return unreadable(facts.pods());
    }
    List<PodState> problems = facts.problemPods(read.value());
    if (problems.isEmpty()) {
      return "none (" + read.value().size() + " pods Ready, no recent restarts)";
    }
    return table(
        problems,
        PodState::name,
        p ->
            p.phase()
                + (p.reason().isEmpty() ? "" : "/" + p.reason())
                + "  restarts: "
                + p.restarts());
  }

  private String autoscalers() {
    if (!(facts.autoscalers() instanceof Finding.Read<List<AutoscalerState>> read)) {
      return unreadable(facts.autoscalers());
    }
    if (read.value().isEmpty()) {
      return "none";
    }
    return table(
        read.value(),
        h -> mark(h.atMax()) + h.name(),
        h ->
            "current "
                + h.current()
                + ", desired "
                + h.desired()
                + ", max "
                + h.max()
                + (h.atMax() ? " (at max)" : ""));
  }

  private String nodes() {
    if (!(facts.nodes() instanceof Finding.Read<List<NodeState>> read)) {
      return unreadable(facts.nodes());
    }
    List<NodeState> problems = StatusFacts.problemNodes(read.value());
    if (problems.isEmpty()) {
      return "all " + read.value().size() + " Ready, no pressure";
    }
    return table(problems, NodeState::name, n -> String.join(", ", n.problems()));
  }

  private String toolbox() {
    if (!(facts.deployments() instanceof Finding.Read<List<DeploymentState>> read)) {
      return "unknown";
    }
    return facts.toolboxPresent(read.value())
        ? "present"
        : ":warning: absent (no Deployment with labels `"
            + SlackText.escape(facts.toolboxSelector().toString())
            + "`)";
  }

  private String backup() {
    if (!(facts.lastBackup() instanceof Finding.Read<Optional<Instant>> read)) {
      return "unknown (" + why(facts.lastBackup()) + ")";
    }
    if (read.value().isEmpty()) {
      return ":warning: none in s3://" + SlackText.escape(target.backupBucket()) + lastRunFailed();
    }
    Instant taken = read.value().get();
    String age = StatusText.age(Duration.between(taken, facts.now())) + " (" + taken + ")";
    return (facts.backupStale(taken) ? ":warning: " + age : age) + lastRunFailed();
  }

  private String lastRunFailed() {
    return facts
        .lastRunFailed()
        .map(
            run ->
                "\n:x: the last run failed"
                    + (run.started() == null
                        ? ""
                        : " " + StatusText.age(Duration.between(run.started(), facts.now())))
                    + " (Job `"
                    + SlackText.escape(run.job())
                    + "`): "
                    + reason(run.failure()))
        .orElse("");
  }

  private String alerts() {
    if (!(facts.firingAlerts() instanceof Finding.Read<Integer> read)) {
      return "unknown (" + why(facts.firingAlerts()) + ")";
    }
    return read.value() > 0 ? ":warning: " + read.value() : "0";
  }

  private static String mark(boolean problem) {
    return problem ? "! " : "  ";
  }

  private static String unreadable(Finding<?> finding) {
    Finding.Unreadable<?> u = (Finding.Unreadable<?>) finding;
    return (u.expected() ? "" : ":warning: ") + reason(u.why());
  }

  private static String why(Finding<?> finding) {
    return reason(((Finding.Unreadable<?>) finding).why());
  }

  private static String reasons(List<String> reasons) {
    return SlackText.escape(String.join(", ", reasons));
  }

  private static String reason(String why) {
    return SlackText.escape(SlackText.cap(why));
  }
}
