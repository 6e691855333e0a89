package io.gitlabopsbot.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusTextTest {

  @Test
  void age_readsInTheUnitThatMatters() {
    assertThat(StatusText.age(Duration.ofSeconds(30))).isEqualTo("just now");
    assertThat(StatusText.age(Duration.ofSeconds(-30))).isEqualTo("just now");
    assertThat(StatusText.age(Duration.ofMinutes(59))).isEqualTo("59 min ago");
    assertThat(StatusText.age(Duration.ofHours(47))).isEqualTo("47 h ago");
    assertThat(StatusText.age(Duration.ofHours(52))).isEqualTo("2 d 4 h ago");
  }

  @Test
  void table_alignsTheSecondColumn() {
    String table = StatusText.table(List.of("a", "longer"), Function.identity(), s -> "x");

    assertThat(table).isEqualTo("```\na       x\nlonger  x\n```");
  }

  @Test
  void table_withMoreThan20Rows_showsTheFirst20AndCountsTheRest() {
    List<String> rows = IntStream.range(0, 23).mapToObj(i -> "r" + i).toList();

    String table = StatusText.table(rows, Function.identity(), s -> "");

    assertThat(table).contains("r19").doesNotContain("r20").endsWith("+3 more\n```");
  }
}
