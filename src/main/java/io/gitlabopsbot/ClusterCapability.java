package io.gitlabopsbot;

import io.gitlabopsbot.aws.AwsClients;
import io.gitlabopsbot.cluster.ClusterHandler;
import io.gitlabopsbot.cluster.ClusterReport;
import io.gitlabopsbot.cluster.EksClusterInfo;
import io.gitlabopsbot.cluster.EksRetry;
import io.gitlabopsbot.cluster.Fabric8NodeVersions;
import io.gitlabopsbot.cluster.SupportCalendar;
import io.gitlabopsbot.command.CommandRegistration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eks.EksClient;

/**
 * Wires {@code /gitlab cluster}: EKS version and support dates, upgrade insights, kubelet skew.
 * Offered only when {@code aws.eksClusterName} is set; with a notification channel it also posts
 * the daily end-of-support warnings. Part of the composition root.
 */
final class ClusterCapability implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterCapability.class);

  private final EksClient eks;
  private final List<CommandRegistration> commands;

  ClusterCapability(Core core) {
    String cluster = core.settings.aws().eksClusterName();
    if (cluster == null || cluster.isBlank()) {
      log.info("aws.eksClusterName is not set: the cluster command is not offered");
      this.eks = null;
      this.commands = List.of();
      return;
    }
    this.eks = new AwsClients(core.settings.aws(), core.settings.proxy()).eks();
    ClusterReport report =
        new ClusterReport(
            new EksClusterInfo(eks, cluster, EksRetry.DEFAULT),
            new Fabric8NodeVersions(core.kubernetes()),
            SupportCalendar.bundled(),
            core.clock);
    this.commands =
        List.of(new CommandRegistration(ClusterHandler.SPEC, new ClusterHandler(report)));
  }

  List<CommandRegistration> commands() {
    return commands;
  }

  @Override
  public void close() {
    if (eks != null) {
      eks.close();
    }
  }
}
