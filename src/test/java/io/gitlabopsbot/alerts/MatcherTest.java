package io.gitlabopsbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.alerts.Matcher.Op;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatcherTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "severity=\"critical\"        ; severity ; EQUAL     ; critical",
        "severity!=critical          ; severity ; NOT_EQUAL ; critical",
        "severity=~\"critical|warning\" ; severity ; REGEX     ; critical|warning",
        " namespace !~ \"kube-.*\"     ; namespace ; NOT_REGEX ; kube-.*",
        "msg=\"say \\\"hi\\\"\"          ; msg      ; EQUAL     ; say \"hi\"",
        "team=                       ; team     ; EQUAL     ; ''",
      })
  void parse_whenAlertmanagerForm_givesLabelOpAndValue(
      String text, String label, Op op, String value) {
    assertThat(Matcher.parse(text)).isEqualTo(new Matcher(label, op, value));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "severity           | has no operator",
        "=critical          | invalid label name",
        "sev-erity=critical | invalid label name",
        "severity=\"open    | unclosed quote",
        "severity=\"a\"b    | text after the closing quote",
      })
  void parse_whenMalformed_isRejectedSayingWhy(String text, String reason) {
    assertThatThrownBy(() -> Matcher.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void compile_equalAndNotEqual_treatMissingLabelAsEmpty() {
    var critical = Map.of("severity", "critical");

    assertThat(Matcher.parse("severity=critical").compile().matches(critical)).isTrue();
    assertThat(Matcher.parse("severity=warning").compile().matches(critical)).isFalse();
    assertThat(Matcher.parse("severity!=warning").compile().matches(critical)).isTrue();
    assertThat(Matcher.parse("severity!=critical").compile().matches(critical)).isFalse();
    assertThat(Matcher.parse("team=\"\"").compile().matches(critical)).isTrue();
    assertThat(Matcher.parse("team!=\"\"").compile().matches(critical)).isFalse();
  }

  @Test
  void compile_regex_isAnchoredAtBothEnds() {
    var compiled = Matcher.parse("severity=~\"crit|warn\"").compile();

    assertThat(compiled.matches(Map.of("severity", "crit"))).isTrue();
    assertThat(compiled.matches(Map.of("severity", "warn"))).isTrue();
    assertThat(compiled.matches(Map.of("severity", "critical"))).isFalse();
    assertThat(compiled.matches(Map.of("severity", "xwarn"))).isFalse();
    assertThat(
            Matcher.parse("severity!~\"crit|warn\"")
                .compile()
                .matches(Map.of("severity", "critical")))
        .isTrue();
    assertThat(
            Matcher.parse("severity!~\"crit|warn\"").compile().matches(Map.of("severity", "crit")))
        .isFalse();
  }

  @Test
  void compile_whenValueOnlyBalancesInsideAnchors_isRefused() {
    // Wrapped as ^(?:a)|(b)$ this would compile and match "a-anything" unanchored.
    assertThatThrownBy(() -> new Matcher("x", Op.REGEX, "a)|(b").compile())
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }
}
