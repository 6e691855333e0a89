package io.gitlabopsbot.config;

import java.util.List;

/**
 * Where alerts go (config section {@code alerts}). Matchers are kept in Alertmanager's string form
 * ({@code severity=~"critical|warning"}) and compiled by the alerts capability at start.
 *
 * @param defaultChannel channel ID for alerts no route matches; null disables alert delivery
 * @param webhookToken {@code ALERTMANAGER_WEBHOOK_TOKEN}: bearer token Alertmanager sends
 * @param webhookUser {@code ALERTMANAGER_WEBHOOK_USER}: basic-auth user (with the password)
 * @param webhookPassword {@code ALERTMANAGER_WEBHOOK_PASSWORD}
 * @param snsTopicArns SNS topics whose CloudWatch alarms are accepted; empty = SNS intake off
 * @param watchdogAlertName the always-firing alert whose absence means alerting is broken; null =
 *     off
 * @param watchdogEvery how often that alert must arrive
 * @param alertmanagerApi where silences are created and listed; null = no silence buttons
 * @param stormDigestAbove {@code alerts.storm.digestAbove}: more alert groups than this opening in
 *     one channel within a minute get a storm digest message (default 5)
 */
public record AlertsConfig(
    String defaultChannel,
    List<Route> routes,
    List<Mute> mutes,
    Secret webhookToken,
    Secret webhookUser,
    Secret webhookPassword,
    List<String> snsTopicArns,
    String watchdogAlertName,
    java.time.Duration watchdogEvery,
    AlertmanagerApi alertmanagerApi,
    int stormDigestAbove) {

  /** The default of {@code alerts.storm.digestAbove}. */
  public static final int DEFAULT_STORM_DIGEST_ABOVE = 5;

  public AlertsConfig {
    snsTopicArns = List.copyOf(snsTopicArns);
    routes = List.copyOf(routes);
    mutes = List.copyOf(mutes);
  }

  /** Whether alerts can be delivered anywhere; without a channel the webhooks stay closed. */
  public boolean enabled() {
    return defaultChannel != null || !routes.isEmpty();
  }

  /** The Alertmanager API token, or null; for the log redactor. */
  public Secret alertmanagerApiToken() {
    return alertmanagerApi == null ? null : alertmanagerApi.token();
  }

  /** The Alertmanager API basic-auth password, or null; for the log redactor. */
  public Secret alertmanagerApiPassword() {
    return alertmanagerApi == null ? null : alertmanagerApi.password();
  }

  /**
   * Alertmanager's API ({@code alerts.alertmanager.url}), for silences.
   *
   * @param baseUrl e.g. {@code http://alertmanager.monitoring.svc:9093}, without a trailing slash
   * @param token {@code ALERTMANAGER_API_TOKEN}: bearer token, or null
   * @param user {@code ALERTMANAGER_API_USER}: basic-auth user (with the password), or null
   * @param password {@code ALERTMANAGER_API_PASSWORD}, or null
   */
  public record AlertmanagerApi(java.net.URI baseUrl, Secret token, Secret user, Secret password) {
    public AlertmanagerApi {
      java.util.Objects.requireNonNull(baseUrl, "baseUrl");
    }
  }

  /** Alerts whose labels satisfy every matcher go to {@code channel}. */
  public record Route(List<String> match, String channel, boolean continueMatching) {
    public Route {
      match = List.copyOf(match);
    }
  }

  /** Alerts whose labels satisfy every matcher are stored but not posted. */
  public record Mute(String name, List<String> match) {
    public Mute {
      match = List.copyOf(match);
    }
  }
}
