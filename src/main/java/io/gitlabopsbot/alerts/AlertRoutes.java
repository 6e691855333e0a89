package io.gitlabopsbot.alerts;

import io.gitlabopsbot.alerts.AlertRoutingSettings.MuteRule;
import io.gitlabopsbot.alerts.AlertRoutingSettings.Rule;
import io.gitlabopsbot.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/** Applies {@link AlertRoutingSettings} to events; immutable and safe to share between threads. */
public final class AlertRoutes {

  /** Where problems are reported from, as the configuration file spells the section. */
  static final String CONFIG_SOURCE = "alerts.routing";

  private final String defaultChannel;
  private final List<CompiledRule> rules = new ArrayList<>();
  private final List<CompiledMute> mutes = new ArrayList<>();

  /**
   * Checks and compiles {@code settings}.
   *
   * @throws ConfigException listing every problem (missing channels, invalid regexes, mute rules
   *     without matchers), each naming the rule by its index
   */
  public AlertRoutes(AlertRoutingSettings settings) {
    List<String> problems = new ArrayList<>();
    if (blank(settings.defaultChannel())) {
      problems.add("defaultChannel is missing: name the Slack channel ID for unmatched alerts");
    }
    this.defaultChannel = settings.defaultChannel();
    for (int i = 0; i < settings.rules().size(); i++) {
      Rule rule = settings.rules().get(i);
      String where = "rules[" + i + "]";
      if (rule == null || blank(rule.channel())) {
        problems.add(where + ": channel is missing");
        continue;
      }
      compile(rule.matchers(), where, problems)
          .ifPresent(m -> rules.add(new CompiledRule(m, rule.channel(), rule.continueMatching())));
    }
    for (int i = 0; i < settings.mutes().size(); i++) {
      MuteRule mute = settings.mutes().get(i);
      String where = "mutes[" + i + "]";
      if (mute == null || mute.matchers().isEmpty()) {
        problems.add(where + ": has no matchers, so it would mute every alert");
        continue;
      }
      int index = i;
      compile(mute.matchers(), where, problems)
          .ifPresent(m -> mutes.add(new CompiledMute(index, mute.name(), m)));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(CONFIG_SOURCE, problems);
    }
  }

  /** Where {@code event} goes, judged by its labels. */
  public Routing route(AlertEvent event) {
    return route(event.labels());
  }

  /** Where an event with {@code labels} goes. */
  public Routing route(Map<String, String> labels) {
    for (CompiledMute mute : mutes) {
      if (allMatch(mute.matchers(), labels)) {
        return new Routing.Muted(mute.index(), mute.name());
      }
    }
    Set<String> channels = new LinkedHashSet<>();
    for (CompiledRule rule : rules) {
      if (allMatch(rule.matchers(), labels)) {
        channels.add(rule.channel());
        if (!rule.continueMatching()) {
          break;
        }
      }
    }
    if (channels.isEmpty()) {
      channels.add(defaultChannel);
    }
    return new Routing.Deliver(List.copyOf(channels));
  }

  private static Optional<List<Matcher.Compiled>> compile(
      List<Matcher> matchers, String where, List<String> problems) {
    List<Matcher.Compiled> compiled = new ArrayList<>();
    boolean ok = true;
    for (int j = 0; j < matchers.size(); j++) {
      Matcher matcher = matchers.get(j);
      try {
        compiled.add(matcher.compile());
      } catch (PatternSyntaxException e) {
        ok = false;
        problems.add(
            where
                + ".matchers["
                + j
                + "] ("
                + matcher.label()
                + matcher.op().symbol()
                + "…): invalid regular expression: "
                + e.getDescription()
                + " near index "
                + e.getIndex());
      }
    }
    return ok ? Optional.of(compiled) : Optional.empty();
  }

  private static boolean allMatch(List<Matcher.Compiled> matchers, Map<String, String> labels) {
    for (Matcher.Compiled matcher : matchers) {
      if (!matcher.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private record CompiledRule(
      List<Matcher.Compiled> matchers, String channel, boolean continueMatching) {}

  private record CompiledMute(int index, String name, List<Matcher.Compiled> matchers) {}
}
