package io.gitlabopsbot.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the bot is configured with, read once at start from the YAML file and the environment.
 * Immutable; passed to constructors, never looked up globally.
 */
public record Settings(
    SlackSettings slack,
    HttpSettings http,
    StoreSettings store,
    AccessSettings access,
    Map<String, TargetSettings> targets,
    String defaultTarget,
    ProxySettings proxy,
    AwsSettings aws,
    BackupConfig backup,
    AlertsConfig alerts,
    ClusterConfig cluster,
    RestoreConfig restore,
    MigrationConfig migration,
    boolean dryRun) {

  /**
   * @param migration the Omnibus-to-chart migration, or null when it is not configured
   */
  public Settings {
    Objects.requireNonNull(slack, "slack");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(access, "access");
    // Kept in config order: help and error messages list targets as the operator wrote them.
    targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    Objects.requireNonNull(defaultTarget, "defaultTarget");
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(restore, "restore");
  }

  public TargetSettings target(String name) {
    return targets.get(name == null ? defaultTarget : name);
  }

  /** Secrets known at start, so the log redactor can mask them wherever they appear. */
  public List<Secret> secrets() {
    return java.util.stream.Stream.of(
            slack.botToken(),
            slack.appToken(),
            slack.signingSecret(),
            store.password(),
            proxy.password().orElse(null),
            alerts.webhookToken(),
            alerts.webhookPassword(),
            alerts.alertmanagerApiToken(),
            alerts.alertmanagerApiPassword(),
            migration == null ? null : migration.privateKey(),
            migration == null ? null : migration.passphrase())
        .filter(Objects::nonNull)
        .toList();
  }
}
