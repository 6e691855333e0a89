package io.gitlabopsbot.alerts;

import java.util.List;
import java.util.Objects;

/**
 * Which Slack channel receives which alerts. Mute rules are checked first; then the rules in order,
 * where the first match wins unless it says {@code continueMatching}; an alert no rule matches goes
 * to {@code defaultChannel}.
 *
 * @param defaultChannel Slack channel ID for alerts no rule matches
 */
public record AlertRoutingSettings(String defaultChannel, List<Rule> rules, List<MuteRule> mutes) {

  public AlertRoutingSettings {
    rules = rules == null ? List.of() : List.copyOf(rules);
    mutes = mutes == null ? List.of() : List.copyOf(mutes);
  }

  /**
   * Sends alerts whose labels satisfy every matcher (none: every alert) to {@code channel}.
   *
   * @param continueMatching also try the rules after this one when it matches
   */
  public record Rule(List<Matcher> matchers, String channel, boolean continueMatching) {
    public Rule {
      matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }
  }

  /**
   * Keeps alerts whose labels satisfy every matcher out of Slack; they are still stored, marked
   * muted by {@code name}, for the audit trail.
   */
  public record MuteRule(String name, List<Matcher> matchers) {
    public MuteRule {
      Objects.requireNonNull(name, "name");
      matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }
  }
}
