package io.gitlabopsbot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validates the {@code alerts} section; matcher syntax is checked when routes are compiled. */
final class AlertsConfigValidator {

  static final String TOKEN_ENV = "ALERTMANAGER_WEBHOOK_TOKEN";
  static final String USER_ENV = "ALERTMANAGER_WEBHOOK_USER";
  static final String PASSWORD_ENV = "ALERTMANAGER_WEBHOOK_PASSWORD";
  static final String API_TOKEN_ENV = "ALERTMANAGER_API_TOKEN";
  static final String API_USER_ENV = "ALERTMANAGER_API_USER";
  static final String API_PASSWORD_ENV = "ALERTMANAGER_API_PASSWORD";

  /** Shortest webhook token or password accepted: long enough that guessing is hopeless. */
  static final int MIN_WEBHOOK_SECRET_CHARS = 32;

  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{6,}");
  private static final Pattern TOPIC_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,256}");
  private static final String CHANNEL_HINT = "a Slack channel ID such as C0123ABCD";

  private final Problems problems;
  private final Map<String, String> env;

  AlertsConfigValidator(Problems problems, Map<String, String> env) {
    this.problems = problems;
    this.env = env;
  }

  AlertsConfig validate(RawConfig.Alerts raw) {
    Secret token = secret(TOKEN_ENV);
    Secret user = secret(USER_ENV);
    Secret password = secret(PASSWORD_ENV);
    if ((user == null) != (password == null)) {
      problems.add(USER_ENV + " and " + PASSWORD_ENV + " must be set together (basic auth)");
    }
    requireLong(TOKEN_ENV, token);
    requireLong(PASSWORD_ENV, password);
    if (raw == null) {
      return new AlertsConfig(
          null,
          List.of(),
          List.of(),
          token,
          user,
          password,
          List.of(),
          null,
          null,
          null,
          AlertsConfig.DEFAULT_STORM_DIGEST_ABOVE);
    }
    if (raw.defaultChannel() != null) {
      problems.check(CHANNEL_ID, raw.defaultChannel(), "alerts.defaultChannel", CHANNEL_HINT);
    }
    List<AlertsConfig.Route> routes = new ArrayList<>();
    List<RawConfig.AlertRoute> rawRoutes = raw.routes() == null ? List.of() : raw.routes();
    for (int i = 0; i < rawRoutes.size(); i++) {
      RawConfig.AlertRoute r = rawRoutes.get(i);
      String key = "alerts.routes[" + i + "]";
      problems.required(CHANNEL_ID, r.channel(), key + ".channel", CHANNEL_HINT);
      routes.add(
          new AlertsConfig.Route(
              r.match() == null ? List.of() : r.match(),
              r.channel(),
              Boolean.TRUE.equals(r.continueMatching())));
    }
    List<AlertsConfig.Mute> mutes = new ArrayList<>();
    List<RawConfig.AlertMute> rawMutes = raw.mutes() == null ? List.of() : raw.mutes();
    for (int i = 0; i < rawMutes.size(); i++) {
      RawConfig.AlertMute m = rawMutes.get(i);
      if (m.name() == null || m.name().isBlank()) {
        problems.add("alerts.mutes[" + i + "].name: required, it is shown on muted alerts");
        continue;
      }
      mutes.add(new AlertsConfig.Mute(m.name(), m.match() == null ? List.of() : m.match()));
    }
    List<String> topics =
        raw.sns() == null || raw.sns().allowedTopicArns() == null
            ? List.of()
            : raw.sns().allowedTopicArns();
    for (int i = 0; i < topics.size(); i++) {
      problems.check(
          TOPIC_ARN,
          topics.get(i),
          "alerts.sns.allowedTopicArns[" + i + "]",
          "an SNS topic ARN such as arn:aws:sns:eu-west-1:111122223333:gitlab-alarms");
    }
    String watchdogName = null;
    java.time.Duration watchdogEvery = null;
    if (raw.watchdog() != null) {
      watchdogName = java.util.Objects.requireNonNullElse(raw.watchdog().alertName(), "Watchdog");
      watchdogEvery = Durations.parse(raw.watchdog().expectEvery());
      if (watchdogEvery == null || watchdogEvery.isZero()) {
        problems.add(
            "alerts.watchdog.expectEvery: `"
                + raw.watchdog().expectEvery()
                + "` is not a duration; write e.g. 10m (a little more than Alertmanager's"
                + " repeat_interval for the Watchdog route)");
      }
      if (raw.defaultChannel() == null) {
        problems.add("alerts.watchdog: needs alerts.defaultChannel, where the warning is posted");
      }
    }
    int digestAbove = AlertsConfig.DEFAULT_STORM_DIGEST_ABOVE;
    if (raw.storm() != null && raw.storm().digestAbove() != null) {
      digestAbove = raw.storm().digestAbove();
      if (digestAbove < 1) {
        problems.add(
            "alerts.storm.digestAbove: "
                + digestAbove
                + " is too small; write how many alert groups may open in a channel within a"
                + " minute before a storm digest is posted, at least 1 (default "
                + AlertsConfig.DEFAULT_STORM_DIGEST_ABOVE
                + ")");
      }
    }
    return new AlertsConfig(
        raw.defaultChannel(),
        routes,
        mutes,
        token,
        user,
        password,
        topics,
        watchdogName,
        watchdogEvery,
        new AlertsConfigApiValidator(problems, env).validate(raw.alertmanager()),
        digestAbove);
  }

  // Names the variable, never its value (nor its length, which would narrow a guess).
  private void requireLong(String name, Secret secret) {
    if (secret != null && secret.value().length() < MIN_WEBHOOK_SECRET_CHARS) {
      problems.add(
          name
              + ": shorter than "
              + MIN_WEBHOOK_SECRET_CHARS
              + " characters; the alert webhook is reachable through the Ingress, so use a random"
              + " value such as the output of `openssl rand -hex 32`");
    }
  }

  private Secret secret(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : new Secret(value.trim());
  }
}
