package io.gitlabopsbot.alerts;

import io.gitlabopsbot.config.AlertsConfig;
import io.gitlabopsbot.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** Compiles the {@code alerts} routes and mutes of the config into {@link AlertRoutes}. */
public final class AlertRoutesConfig {

  private AlertRoutesConfig() {}

  /**
   * @throws ConfigException naming the key of a matcher that does not parse
   */
  public static AlertRoutes routes(AlertsConfig config) {
    List<AlertRoutingSettings.Rule> rules = new ArrayList<>();
    for (int i = 0; i < config.routes().size(); i++) {
      AlertsConfig.Route route = config.routes().get(i);
      rules.add(
          new AlertRoutingSettings.Rule(
              matchers(route.match(), "alerts.routes[" + i + "].match"),
              route.channel(),
              route.continueMatching()));
    }
    List<AlertRoutingSettings.MuteRule> mutes = new ArrayList<>();
    for (int i = 0; i < config.mutes().size(); i++) {
      AlertsConfig.Mute mute = config.mutes().get(i);
      mutes.add(
          new AlertRoutingSettings.MuteRule(
              mute.name(), matchers(mute.match(), "alerts.mutes[" + i + "].match")));
    }
    return new AlertRoutes(new AlertRoutingSettings(config.defaultChannel(), rules, mutes));
  }

  private static List<Matcher> matchers(List<String> texts, String key) {
    List<Matcher> matchers = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      try {
        matchers.add(Matcher.parse(texts.get(i)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("(alerts)", List.of(key + "[" + i + "]: " + e.getMessage()));
      }
    }
    return matchers;
  }
}
