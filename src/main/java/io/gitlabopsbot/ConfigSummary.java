package io.gitlabopsbot;

import io.gitlabopsbot.config.Settings;
import io.gitlabopsbot.config.TargetSettings;
import java.util.Locale;

/**
 * The effective configuration in a few lines, for {@code check-config}; secrets only as set/unset.
 */
final class ConfigSummary {

  private ConfigSummary() {}

  static String describe(Settings s) {
    StringBuilder text = new StringBuilder("Configuration OK\n");
    text.append("  slack.mode: ").append(s.slack().mode().name().toLowerCase(Locale.ROOT));
    text.append("\n  slack.apiBaseUrl: ").append(s.slack().apiBaseUrl());
    text.append("\n  slack.slashCommand: ").append(s.slack().slashCommand());
    text.append("\n  SLACK_BOT_TOKEN: ").append(s.slack().botToken() == null ? "not set" : "set");
    text.append("\n  SLACK_APP_TOKEN: ").append(s.slack().appToken() == null ? "not set" : "set");
    text.append("\n  SLACK_SIGNING_SECRET: ")
        .append(s.slack().signingSecret() == null ? "not set" : "set");
    text.append("\n  http: ").append(s.http().bindAddress()).append(':').append(s.http().port());
    text.append("\n  http (management): ")
        .append(s.http().managementBindAddress())
        .append(':')
        .append(s.http().managementPort());
    text.append("\n  store: ").append(s.store().isPostgres() ? "postgresql" : "h2 (embedded)");
    text.append("\n  access.teamId: ")
        .append(s.access().teamId() == null ? "(any; console mode)" : s.access().teamId());
    text.append("\n  access.roles: ").append(s.access().roles().keySet());
    text.append("\n  proxy: ")
        .append(s.proxy().httpsProxy() == null ? "none" : "set (HTTPS_PROXY)");
    text.append("\n  dryRun: ").append(s.dryRun());
    for (TargetSettings t : s.targets().values()) {
      text.append("\n  target ")
          .append(t.name())
          .append(t.name().equals(s.defaultTarget()) ? " (default)" : "")
          .append(": namespace=")
          .append(t.namespace())
          .append(" release=")
          .append(t.helmRelease())
          .append(" bucket=")
          .append(t.backupBucket());
    }
    return text.toString();
  }
}
