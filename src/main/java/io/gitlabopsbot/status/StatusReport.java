package io.gitlabopsbot.status;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.kubernetes.ClusterException;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the release health report. Each section is read on its own: one that fails (nodes
 * forbidden, S3 unreachable) says why in its place and the others still show.
 */
public final class StatusReport {

  static final String NODES_FORBIDDEN =
      "not readable (apply manifests/optional/clusterrole-nodes.yaml to let the bot list nodes)";

  private static final Logger log = LoggerFactory.getLogger(StatusReport.class);

  private final ReleaseHealth health;
  private final LastBackup lastBackup;
  private final LastBackupRun lastRun;
  private final FiringAlerts firingAlerts;
  private final Clock clock;

  public StatusReport(
      ReleaseHealth health,
      LastBackup lastBackup,
      LastBackupRun lastRun,
      FiringAlerts firingAlerts,
      Clock clock) {
    this.health = Objects.requireNonNull(health, "health");
    this.lastBackup = Objects.requireNonNull(lastBackup, "lastBackup");
    this.lastRun = Objects.requireNonNull(lastRun, "lastRun");
    this.firingAlerts = Objects.requireNonNull(firingAlerts, "firingAlerts");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Reads every section for the target and renders one message. */
  public Message build(TargetSettings target) {
    EqualitySelector release = new EqualitySelector(Map.of("release", target.helmRelease()));
    String ns = target.namespace();
    StatusFacts facts =
        new StatusFacts(
            clock.instant(),
            EqualitySelector.parse(target.toolboxSelector()).with("release", target.helmRelease()),
            read("deployments", () -> health.deployments(ns, release)),
            read("pods", () -> health.pods(ns, release)),
            read("HPAs", () -> health.autoscalers(ns, release)),
            readNodes(),
            read("last backup", () -> lastBackup.newestIn(target.backupBucket())),
            read("backup runs", () -> lastRun.newest(target)),
            read("firing alerts", firingAlerts::count));
    return new StatusMessage(target, facts).render();
  }

  private Finding<List<ReleaseHealth.NodeState>> readNodes() {
    try {
      return new Finding.Read<>(health.nodes());
    } catch (ClusterException.Forbidden e) {
      // Reading nodes needs an opt-in ClusterRole; without it the section is simply absent.
      return new Finding.Unreadable<>(NODES_FORBIDDEN, true);
    } catch (RuntimeException e) {
      return unreadable("nodes", e);
    }
  }

  private static <T> Finding<T> read(String section, Supplier<T> reader) {
    try {
      return new Finding.Read<>(reader.get());
    } catch (RuntimeException e) {
      return unreadable(section, e);
    }
  }

  private static <T> Finding<T> unreadable(String section, RuntimeException e) {
    // The reader sees the reason; the log keeps the cause chain for whoever digs further.
    log.warn("status: could not read {}", section, e);
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new Finding.Unreadable<>(why, false);
  }
}
