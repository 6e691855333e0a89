package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.AlertRoutingSettings.MuteRule;
import io.gitlabopsbot.alerts.AlertRoutingSettings.Rule;
import io.gitlabopsbot.config.ConfigException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRoutesTest {

  private static final String DEFAULT = "C-DEFAULT";

  @Test
  void route_whenNoRuleMatches_goesToDefaultChannel() {
    var routes = routes(List.of(rule("C-DB", false, "service=postgres")), List.of());

    assertThat(routes.route(Map.of("service", "redis")))
        .isEqualTo(new Routing.Deliver(List.of(DEFAULT)));
  }

  @Test
  void route_firstMatchingRuleWins() {
    var routes =
        routes(
            List.of(
                rule("C-CRIT", false, "severity=critical"),
                rule("C-GITLAB", false, "namespace=gitlab")),
            List.of());

    assertThat(routes.route(Map.of("severity", "critical", "namespace", "gitlab")))
        .isEqualTo(new Routing.Deliver(List.of("C-CRIT")));
    assertThat(routes.route(Map.of("severity", "warning", "namespace", "gitlab")))
        .isEqualTo(new Routing.Deliver(List.of("C-GITLAB")));
  }

  @Test
  void route_whenRuleContinues_collectsLaterMatchesOnceEach() {
    var routes =
        routes(
            List.of(
                rule("C-ALL", true),
                rule("C-CRIT", true, "severity=~\"critical|page\""),
                rule("C-ALL", false, "namespace=gitlab"),
                rule("C-NEVER", false)),
            List.of());

    assertThat(routes.route(Map.of("severity", "critical", "namespace", "gitlab")))
        .isEqualTo(new Routing.Deliver(List.of("C-ALL", "C-CRIT")));
    assertThat(routes.route(Map.of("severity", "info")))
        .isEqualTo(new Routing.Deliver(List.of("C-ALL", "C-NEVER")));
  }

  @Test
  void route_whenRuleNeedsAllMatchers_partialMatchFallsThrough() {
    var routes =
        routes(
            List.of(rule("C-X", false, "severity=critical", "namespace!~\"kube-.*\"")), List.of());

    assertThat(routes.route(Map.of("severity", "critical", "namespace", "gitlab")))
        .isEqualTo(new Routing.Deliver(List.of("C-X")));
    assertThat(routes.route(Map.of("severity", "critical", "namespace", "kube-system")))
        .isEqualTo(new Routing.Deliver(List.of(DEFAULT)));
  }

  @Test
  void route_whenMuteRuleMatches_isMutedBeforeAnyRule() {
    var routes =
        routes(
            List.of(rule("C-CRIT", false, "severity=critical")),
            List.of(
                new MuteRule("not-this", List.of(Matcher.parse("alertname=Other"))),
                new MuteRule(
                    "watchdog", List.of(Matcher.parse("alertname=~\"Watchdog|InfoInhibitor\"")))));

    assertThat(routes.route(Map.of("alertname", "Watchdog", "severity", "critical")))
        .isEqualTo(new Routing.Muted(1, "watchdog"));
    assertThat(routes.route(Map.of("alertname", "WatchdogX", "severity", "critical")))
        .isEqualTo(new Routing.Deliver(List.of("C-CRIT")));
  }

  @Test
  void new_whenRegexInvalid_failsNamingRuleAndMatcherIndex() {
    var settings =
        new AlertRoutingSettings(
            DEFAULT,
            List.of(rule("C-A", false, "a=b"), rule("C-B", false, "a=b", "severity=~\"crit(\"")),
            List.of(new MuteRule("m", List.of(Matcher.parse("x=~\"[\"")))));

    assertThatThrownBy(() -> new AlertRoutes(settings))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e -> {
              List<String> problems = ((ConfigException) e).problems();
              assertThat(problems).hasSize(2);
              assertThat(problems.get(0))
                  .startsWith("rules[1].matchers[1] (severity=~…): invalid regular expression");
              assertThat(problems.get(1))
                  .startsWith("mutes[0].matchers[0] (x=~…): invalid regular expression");
            });
  }

  @Test
  void new_whenChannelsMissingOrMuteMatchesEverything_listsEveryProblem() {
    var settings =
        new AlertRoutingSettings(
            " ", List.of(new Rule(List.of(), "", false)), List.of(new MuteRule("all", List.of())));

    assertThatThrownBy(() -> new AlertRoutes(settings))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "defaultChannel is missing: name the Slack channel ID for unmatched alerts",
                        "rules[0]: channel is missing",
                        "mutes[0]: has no matchers, so it would mute every alert"));
  }

  private static AlertRoutes routes(List<Rule> rules, List<MuteRule> mutes) {
    return new AlertRoutes(new AlertRoutingSettings(DEFAULT, rules, mutes));
  }

  private static Rule rule(String channel, boolean continueMatching, String... matchers) {
    return new Rule(
        Arrays.stream(matchers).map(Matcher::parse).toList(), channel, continueMatching);
  }
}
