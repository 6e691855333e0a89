package io.gitlabopsbot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitlabopsbot.command.Tokenizer.Rejected;
import io.gitlabopsbot.command.Tokenizer.Token;
import io.gitlabopsbot.command.Tokenizer.Tokens;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizerTest {

  private final Tokenizer tokenizer = new Tokenizer();

  private List<String> words(String text) {
    Tokenizer.Result result = tokenizer.tokenize(text);
    assertThat(result).as("tokens of %s", text).isInstanceOf(Tokens.class);
    return ((Tokens) result).tokens().stream().map(Token::text).toList();
  }

  private String problem(String text) {
    Tokenizer.Result result = tokenizer.tokenize(text);
    assertThat(result).as("tokens of %s", text).isInstanceOf(Rejected.class);
    return ((Rejected) result).problem();
  }

  static Stream<Arguments> splits() {
    return Stream.of(
        arguments("", List.of()),
        arguments(" \t\n ", List.of()),
        arguments("a b", List.of("a", "b")),
        arguments("  a\t\tb\nc  ", List.of("a", "b", "c")),
        arguments("a\u00a0b\u2003c\u3000d", List.of("a", "b", "c", "d")),
        arguments("\"a b\" c", List.of("a b", "c")),
        arguments("'a b' c", List.of("a b", "c")),
        arguments("“a b” c", List.of("a b", "c")),
        arguments("„a b“ c", List.of("a b", "c")),
        arguments("„a b” c", List.of("a b", "c")),
        arguments("‘a b’ c", List.of("a b", "c")),
        arguments("\"\" ''", List.of("", "")),
        arguments("a\"b c\"d", List.of("ab cd")),
        arguments("\"a 'b' c\"", List.of("a 'b' c")),
        arguments("'a \"b\" c'", List.of("a \"b\" c")),
        arguments("“a 'b' \"c\"”", List.of("a 'b' \"c\"")),
        arguments("\"a\\\"b\"", List.of("a\"b")),
        arguments("\"a\\\\b\"", List.of("a\\b")),
        arguments("\"a\\nb\"", List.of("a\\nb")),
        arguments("'a\\'", List.of("a\\")),
        arguments("a\\ b", List.of("a\\", "b")),
        arguments("’tis ”odd", List.of("’tis", "”odd")),
        arguments("a&amp;b &lt;x&gt;", List.of("a&b", "<x>")),
        arguments("&amp;lt; &amp;amp;", List.of("&lt;", "&amp;")),
        arguments("&quot;a b&quot; &#39;", List.of("&quot;a", "b&quot;", "&#39;")),
        arguments("\"a\nb\"", List.of("a\nb")),
        arguments("héllo 日本 🚀", List.of("héllo", "日本", "🚀")));
  }

  @ParameterizedTest
  @MethodSource("splits")
  void tokenize_splitsOnWhitespaceAndQuotesOnly(String text, List<String> expected) {
    assertThat(words(text)).isEqualTo(expected);
  }

  @Test
  void tokenize_recordsPositionsAndWhetherAWordStartsQuoted() {
    Tokens tokens = (Tokens) tokenizer.tokenize("🚀 \"--x\" --y=\"a b\" ab'c'");

    assertThat(tokens.tokens())
        .containsExactly(
            new Token("🚀", false, 1),
            new Token("--x", true, 3),
            new Token("--y=a b", false, 9),
            new Token("abc", false, 19));
  }

  @Test
  void tokenize_whenAllowedMaximum_acceptsIt() {
    assertThat(words("a ".repeat(Tokenizer.MAX_TOKENS))).hasSize(30);
    assertThat(words("x".repeat(Tokenizer.MAX_LENGTH))).hasSize(1);
    assertThat(words("🚀".repeat(Tokenizer.MAX_LENGTH))).hasSize(1);
    assertThat(words("&amp;".repeat(Tokenizer.MAX_LENGTH))).containsExactly("&".repeat(1000));
  }

  @Test
  void tokenize_whenOverTheLimits_refuses() {
    assertThat(problem("a ".repeat(31))).isEqualTo("too many words: the limit is 30");
    assertThat(problem("\"\" ".repeat(31))).isEqualTo("too many words: the limit is 30");
    assertThat(problem("🚀".repeat(1001)))
        .isEqualTo("the command is too long: 1001 characters, the limit is 1000");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\u0000", "a\u0001", "a\u0007", "a\u0008", "a\u000B", "a\u000C", "a\r", "a\u001F",
        "a\u007F", "a\u0080", "a\u009B", "a\u009F"
      })
  void tokenize_whenControlCharacter_refuses(String text) {
    assertThat(problem(text)).startsWith("control character U+").contains("at position 2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069",
        "\u200E", "\u200F", "\u061C"
      })
  void tokenize_whenBidiControl_refuses(String bidi) {
    assertThat(problem("restore x" + bidi + "y"))
        .startsWith("invisible bidirectional-text control U+")
        .contains("at position 10");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u200C", "\u200D", "\uFEFF"})
  void tokenize_whenZeroWidthCharacter_refuses(String invisible) {
    assertThat(problem("he" + invisible + "lp"))
        .startsWith("invisible zero-width character U+")
        .contains("at position 3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00AD", "\u2060", "\u2062", "\uDB40\uDC01"})
  void tokenize_whenOtherInvisibleFormatting_refuses(String invisible) {
    assertThat(problem("a" + invisible)).startsWith("invisible formatting character U+");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"a", "'a", "“a", "„a", "‘a", "\"a'", "'a\"", "“a\"", "‘a'", "\"a\\\""})
  void tokenize_whenQuoteUnterminated_namesQuoteAndPosition(String quoted) {
    assertThat(problem("x " + quoted))
        .startsWith("unterminated quote " + quoted.charAt(0) + " at position 3: close it with ");
  }
}
