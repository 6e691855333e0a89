package io.gitlabopsbot.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a &amp; b        | a & b",
        "&lt;!channel&gt; | <!channel>",
        "&amp;lt;         | &lt;",
        "&amp;amp;        | &amp;",
        "&quot;&#39;&apos; | &quot;&#39;&apos;",
        "&amp             | &amp",
        "&&lt;            | &<",
      })
  void decode_undoesOnlySlackEscapes(String escaped, String plain) {
    assertThat(SlackText.decode(escaped)).isEqualTo(plain);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc             | `abc`",
        "<!channel>      | `&lt;!channel&gt;`",
        "<@U123>         | `&lt;@U123&gt;`",
        "a&b             | `a&amp;b`",
        "&lt;            | `&amp;lt;`",
        "`x`             | `'x'`",
        "*bold* _it_     | `*bold* _it_`",
      })
  void code_quotesSafely(String text, String quoted) {
    assertThat(SlackText.code(text)).isEqualTo(quoted);
  }

  @Test
  void code_whenEmpty_showsEmptyQuotes() {
    assertThat(SlackText.code("")).isEqualTo("`\"\"`");
  }

  @Test
  void code_whenLineBreaks_keepsOneLine() {
    assertThat(SlackText.code("a\nb\tc")).isEqualTo("`a b c`");
  }

  @Test
  void code_whenLong_truncatesBeforeEscapingSoNoEntityIsCut() {
    String quoted = SlackText.code("<".repeat(100));

    assertThat(quoted).isEqualTo("`" + "&lt;".repeat(40) + "…`");
  }

  @Test
  void code_whenLongEmoji_truncatesByCharacterNotHalfASurrogate() {
    assertThat(SlackText.code("🚀".repeat(41))).isEqualTo("`" + "🚀".repeat(40) + "…`");
  }

  @Test
  void cap_keepsShortMessagesAndCutsLongOnes() {
    assertThat(SlackText.cap("short")).isEqualTo("short");
    assertThat(SlackText.cap("x".repeat(300))).isEqualTo("x".repeat(300));
    assertThat(SlackText.cap("x".repeat(301))).isEqualTo("x".repeat(299) + "…");
    assertThat(SlackText.cap("x".repeat(298) + "🚀🚀")).isEqualTo("x".repeat(298) + "…");
  }

  @Test
  void escape_escapesTheThreeMrkdwnCharacters() {
    assertThat(SlackText.escape("<a & b>")).isEqualTo("&lt;a &amp; b&gt;");
  }
}
