package io.gitlabopsbot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EqualitySelectorTest {

  @Test
  void parse_whenEqualityTerms_keepsThemInOrder() {
    EqualitySelector selector =
        EqualitySelector.parse("app=task-runner, tier=x").with("release", "gitlab");

    assertThat(selector.labels())
        .containsExactly(
            Map.entry("app", "task-runner"),
            Map.entry("tier", "x"),
            Map.entry("release", "gitlab"));
    assertThat(selector).hasToString("app=task-runner,tier=x,release=gitlab");
  }

  @Test
  void parse_whenSetBasedOrInequality_isRejected() {
    assertThatThrownBy(() -> EqualitySelector.parse("app in (toolbox,task-runner)"))
        .hasMessageContaining("only equality selectors");
    assertThatThrownBy(() -> EqualitySelector.parse("app!=toolbox"))
        .hasMessageContaining("only equality selectors");
    assertThatThrownBy(() -> EqualitySelector.parse("app"))
        .hasMessageContaining("only equality selectors");
  }
}
