package io.gitlabopsbot.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The YAML file as written, before validation. Every field may be missing; {@link
 * SettingsValidator} turns it into {@link Settings} or a list of problems.
 */
record RawConfig(
    Slack slack,
    Http http,
    Store store,
    Access access,
    Targets targets,
    Aws aws,
    Backup backup,
    Alerts alerts,
    Cluster cluster,
    Restore restore,
    Migration migration,
    Boolean dryRun) {

  record Slack(String mode, String apiBaseUrl, String slashCommand, String notificationChannel) {}

  record Http(
      String bindAddress, Integer port, String managementBindAddress, Integer managementPort) {}

  record Store(String jdbcUrl, String username, Integer maxPoolSize) {}

  record Access(
      String teamId,
      List<String> allowedChannels,
      Map<String, Members> roles,
      List<String> cliRoles) {}

  record Members(List<String> users, List<String> userGroups) {}

  record Targets(@JsonProperty("default") String defaultTarget, List<Target> list) {}

  record Target(
      String name,
      String namespace,
      String helmRelease,
      String toolboxSelector,
      String backupBucket,
      String railsSecretName) {}

  record Aws(String region, String eksClusterName, String endpointOverride) {}

  record Backup(
      String s3Tool,
      String storageClass,
      Integer maximumBackups,
      String activeDeadline,
      Retention retention,
      String missedDeadline,
      Boolean execFallback,
      String unschedulableTimeout) {}

  record Retention(Integer keepLast, String maxAge) {}

  record Alerts(
      String defaultChannel,
      List<AlertRoute> routes,
      List<AlertMute> mutes,
      Sns sns,
      Watchdog watchdog,
      AlertmanagerApi alertmanager,
      Storm storm) {}

  record Storm(Integer digestAbove) {}

  record AlertmanagerApi(String url) {}

  record Watchdog(String alertName, String expectEvery) {}

  record Sns(List<String> allowedTopicArns) {}

  record Cluster(Boolean helmReadiness) {}

  record Restore(
      String approvalTtl,
      Boolean preRestoreBackup,
      List<String> deployments,
      String readyTimeout,
      String activeDeadline,
      Boolean typedConfirmation) {}

  record AlertRoute(
      List<String> match, String channel, @JsonProperty("continue") Boolean continueMatching) {}

  record AlertMute(String name, List<String> match) {}

  record Migration(
      String target, MigrationSsh ssh, MigrationStorage objectStorage, String approvalTtl) {}

  record MigrationSsh(
      String host,
      Integer port,
      String user,
      String knownHostsFile,
      String privateKeyFile,
      Boolean useSudo,
      String connectTimeout,
      String commandTimeout) {}

  record MigrationStorage(
      String region, String endpoint, Boolean pathStyle, Map<String, String> buckets) {}
}
