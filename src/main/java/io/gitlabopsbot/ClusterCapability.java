package io.gitlabopsbot;

import io.gitlabopsbot.cluster.ClusterHandler;
import io.gitlabopsbot.cluster.ClusterReport;
import io.gitlabopsbot.cluster.EksClusterInfo;
import io.gitlabopsbot.cluster.EksRetry;
import io.gitlabopsbot.cluster.Fabric8HelmReleaseSecrets;
import io.gitlabopsbot.cluster.Fabric8NodeVersions;
import io.gitlabopsbot.cluster.JdbcSupportWarnings;
import io.gitlabopsbot.cluster.ReleaseReadiness;
import io.gitlabopsbot.cluster.ReleaseReadinessSettings;
import io.gitlabopsbot.cluster.RemovedApis;
import io.gitlabopsbot.cluster.SupportCalendar;
import io.gitlabopsbot.cluster.SupportWarningSettings;
import io.gitlabopsbot.cluster.SupportWarnings;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.scheduling.BotJobFactory;
import io.gitlabopsbot.scheduling.SupportCheckJob;
import io.gitlabopsbot.scheduling.SupportCheckSchedule;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@code /gitlab cluster} (EKS version and support dates, upgrade insights, kubelet skew, the
 * opt-in Helm readiness check) and the daily end-of-support warnings. Offered only when {@code
 * aws.eksClusterName} is set; the warnings also need a notification channel.
 */
final class ClusterCapability implements Capability {

  private static final Logger log = LoggerFactory.getLogger(ClusterCapability.class);

  private final Core core;
  private final List<CommandRegistration> commands;
  private final SupportWarnings warnings;
  private final SupportWarningSettings warningSettings;

  ClusterCapability(Wiring wiring) {
    this.core = wiring.core();
    String cluster = core.settings.aws().eksClusterName();
    if (cluster == null || cluster.isBlank()) {
      log.info("aws.eksClusterName is not set: the cluster command and EKS warnings are off");
      this.commands = List.of();
      this.warnings = null;
      this.warningSettings = null;
      return;
    }
    EksClusterInfo info = new EksClusterInfo(core.eks(), cluster, EksRetry.DEFAULT);
    // The readiness check reads one release; the default target is the one an operator means.
    TargetSettings target = core.targets.find(null).orElseThrow();
    ReleaseReadiness readiness =
        new ReleaseReadiness(
            new ReleaseReadinessSettings(core.settings.cluster().helmReadiness()),
            new Fabric8HelmReleaseSecrets(core.kubernetes()),
            RemovedApis.bundled(),
            target.namespace(),
            target.helmRelease());
    ClusterReport report =
        new ClusterReport(
            info,
            new Fabric8NodeVersions(core.kubernetes()),
            SupportCalendar.bundled(),
            core.clock,
            readiness);
    this.commands =
        List.of(new CommandRegistration(ClusterHandler.SPEC, new ClusterHandler(report)));
    String channel = wiring.notificationChannel();
    if (channel == null) {
      log.warn("slack.notificationChannel is not set: EKS end-of-support warnings are off");
      this.warnings = null;
      this.warningSettings = null;
      return;
    }
    this.warningSettings = SupportWarningSettings.defaults(channel);
    this.warnings =
        new SupportWarnings(
            info,
            SupportCalendar.bundled(),
            new JdbcSupportWarnings(core.database.dataSource()),
            wiring.notifier(),
            warningSettings,
            cluster,
            core.clock);
  }

  @Override
  public List<CommandRegistration> commands() {
    return commands;
  }

  /** Adds the daily support check to the scheduler's jobs when warnings are on. */
  @Override
  public BotJobFactory jobs(BotJobFactory jobs) {
    return warnings == null
        ? jobs
        : jobs.with(SupportCheckJob.class, () -> new SupportCheckJob(warnings));
  }

  /** Installs (or keeps) the daily trigger; idempotent across restarts and replicas. */
  @Override
  public void start() {
    if (warnings != null) {
      new SupportCheckSchedule(core.quartz())
          .install(warningSettings.cron(), warningSettings.zone());
    }
  }
}
