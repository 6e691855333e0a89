package io.gitlabopsbot.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitlabopsbot.command.CommandSpec.ArgumentSpec;
import io.gitlabopsbot.command.CommandSpec.FlagSpec;
import io.gitlabopsbot.command.ParseResult.Invalid;
import io.gitlabopsbot.command.ParseResult.Parsed;
import io.gitlabopsbot.config.Role;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

  static final String COUNT = "[1-9][0-9]?|1[0-9][0-9]|200";
  static final String BACKUP_ID =
      "[0-9]{10}_[0-9]{4}_[0-9]{2}_[0-9]{2}(_[0-9]+\\.[0-9]+\\.[0-9]+)?";
  static final String COMPONENTS = "(db|repositories|uploads)(,(db|repositories|uploads))*";

  static final CommandSpec HELP = spec("help", List.of(), List.of(), Role.VIEWER);
  static final CommandSpec AUDIT = spec("audit", List.of(count()), List.of(), Role.VIEWER);
  static final CommandSpec BACKUP_NOW =
      spec(
          "backup now",
          List.of(),
          List.of(
              FlagSpec.valued("skip", "list", COMPONENTS, "a list of db, repositories, uploads"),
              FlagSpec.bool("dry-run", "show what would run")),
          Role.OPERATOR);
  static final CommandSpec BACKUP_LIST =
      spec("backup list", List.of(count()), List.of(), Role.VIEWER);
  static final CommandSpec RESTORE =
      spec(
          "restore",
          List.of(
              new ArgumentSpec(
                  "timestamp", true, BACKUP_ID, "a backup ID like 1700000000_2024_01_01_17.5.0")),
          List.of(),
          Role.OPERATOR);
  static final CommandSpec NOTE =
      spec(
          "note",
          List.of(new ArgumentSpec("text", true, null, null)),
          List.of(
              new FlagSpec(
                  "token", "token", "glpat-[A-Za-z0-9_-]{20}", "a personal access token", true),
              FlagSpec.valued("reason", "text", null, "why")),
          Role.OPERATOR);

  static CommandSpec spec(
      String path, List<ArgumentSpec> arguments, List<FlagSpec> flags, Role role) {
    return new CommandSpec(path, arguments, flags, "does " + path, role, false);
  }

  static ArgumentSpec count() {
    return new ArgumentSpec("n", false, COUNT, "a number from 1 to 200");
  }

  static CommandParser parser() {
    return new CommandParser(
        "/gitlab", List.of(HELP, AUDIT, BACKUP_NOW, BACKUP_LIST, RESTORE, NOTE));
  }

  static Parsed parsed(String text) {
    ParseResult result = parser().parse(text);
    assertThat(result).as("result of %s", text).isInstanceOf(Parsed.class);
    return (Parsed) result;
  }

  static Invalid invalid(String text) {
    ParseResult result = parser().parse(text);
    assertThat(result).as("result of %s", text).isInstanceOf(Invalid.class);
    return (Invalid) result;
  }

  static Stream<Arguments> paths() {
    return Stream.of(
        arguments("help", "help"),
        arguments("HELP", "help"),
        arguments("audit", "audit"),
        arguments("Audit 50", "audit"),
        arguments("backup now", "backup now"),
        arguments("Backup NOW", "backup now"),
        arguments("backup list", "backup list"),
        arguments("backup list 7", "backup list"),
        arguments("  backup\tnow\n", "backup now"),
        arguments("backup\u00a0now", "backup now"),
        arguments("restore 1700000000_2024_01_01_17.5.0", "restore"),
        arguments("'restore' 1700000000_2024_01_01", "restore"));
  }

  @ParameterizedTest
  @MethodSource("paths")
  void parse_whenPathMatches_picksTheSpec(String text, String path) {
    assertThat(parsed(text).spec().path()).isEqualTo(path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   \t \n "})
  void parse_whenBlank_meansHelp(String text) {
    Parsed result = parsed(text);

    assertThat(result.spec()).isEqualTo(HELP);
    assertThat(result.arguments()).isEmpty();
    assertThat(result.flags()).isEmpty();
  }

  @Test
  void parse_whenNull_meansHelp() {
    assertThat(parsed(null).spec()).isEqualTo(HELP);
  }

  @Test
  void parse_whenBlankAndNoHelp_isInvalidListingCommands() {
    CommandParser parser = new CommandParser("/gitlab", List.of(AUDIT, BACKUP_NOW, BACKUP_LIST));

    assertThat(parser.parse("  "))
        .isEqualTo(new Invalid("no command given: use one of audit, backup", null));
  }

  static Stream<Arguments> flagValues() {
    return Stream.of(
        arguments("backup now --skip db", "db"),
        arguments("backup now --skip=db,uploads", "db,uploads"),
        arguments("backup now --skip \"db,uploads\"", "db,uploads"),
        arguments("backup now --skip 'db'", "db"),
        arguments("backup now --skip “db”", "db"),
        arguments("backup now --skip „db“", "db"),
        arguments("backup now --skip „db”", "db"),
        arguments("backup now --skip ‘db’", "db"),
        arguments("backup now --SKIP db", "db"),
        arguments("backup now --skip=\"db\"", "db"),
        arguments("backup now --skip d\"b,upl\"oads", "db,uploads"));
  }

  @ParameterizedTest
  @MethodSource("flagValues")
  void parse_whenFlagHasValue_inAnySyntax_bindsIt(String text, String value) {
    Parsed result = parsed(text);

    assertThat(result.flags()).isEqualTo(Map.of("skip", value));
    assertThat(result.flagValue("skip")).isEqualTo(value);
  }

  @Test
  void parse_whenBooleanFlagGiven_mapsItToTrue() {
    Parsed result = parsed("backup now --dry-run --skip db");

    assertThat(result.flags()).isEqualTo(Map.of("dry-run", "true", "skip", "db"));
    assertThat(result.flag("dry-run")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "backup now --target prod-eu1",
        "backup now --target=prod-eu1",
        "backup now --dry-run --target prod-eu1",
        "--target prod-eu1",
      })
  void parse_whenGlobalTargetGiven_bindsItForAnyCommand(String text) {
    String input = text.startsWith("--") ? "help " + text : text;

    assertThat(parsed(input).flagValue(CommandParser.TARGET_FLAG)).isEqualTo("prod-eu1");
  }

  @Test
  void parse_whenTargetOnCommandWithArguments_bindsBoth() {
    Parsed result = parsed("audit 20 --target a");

    assertThat(result.arguments()).containsExactly("20");
    assertThat(result.flags()).isEqualTo(Map.of("target", "a"));
  }

  @Test
  void parse_afterDoubleDash_treatsFlagLikeWordsAsArguments() {
    CommandSpec grep =
        spec(
            "grep",
            List.of(new ArgumentSpec("pattern", true, "--?[a-z]+", "a word")),
            List.of(FlagSpec.bool("all", "everything")),
            Role.VIEWER);
    CommandParser parser = new CommandParser("/gitlab", List.of(grep));

    Parsed result = (Parsed) parser.parse("grep --all -- --all");

    assertThat(result.arguments()).containsExactly("--all");
    assertThat(result.flags()).isEqualTo(Map.of("all", "true"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"backup now --", "backup now --dry-run --", "audit -- 7", "audit 7 --"})
  void parse_whenDoubleDashEndsFlags_acceptsIt(String text) {
    assertThat(parsed(text).spec().path()).isIn("backup now", "audit");
  }

  @Test
  void parse_whenSingleDashWordMatchesArgumentPattern_acceptsItAsArgument() {
    CommandSpec offset =
        spec(
            "offset",
            List.of(new ArgumentSpec("hours", true, "-?[0-9]{1,2}", "hours, e.g. -3")),
            List.of(),
            Role.VIEWER);

    ParseResult result = new CommandParser("/gitlab", List.of(offset)).parse("offset -3");

    assertThat(((Parsed) result).arguments()).containsExactly("-3");
  }

  @Test
  void parse_whenLongerPathRegistered_prefersIt() {
    CommandSpec backup =
        spec(
            "backup",
            List.of(new ArgumentSpec("what", false, "[a-z]+", "a word")),
            List.of(),
            Role.VIEWER);
    CommandParser parser = new CommandParser("/gitlab", List.of(backup, BACKUP_NOW, BACKUP_LIST));

    assertThat(((Parsed) parser.parse("backup now")).spec()).isEqualTo(BACKUP_NOW);
    assertThat(((Parsed) parser.parse("backup")).spec()).isEqualTo(backup);
    Parsed other = (Parsed) parser.parse("backup later");
    assertThat(other.spec()).isEqualTo(backup);
    assertThat(other.arguments()).containsExactly("later");
  }

  @Test
  void specs_areReturnedInRegistrationOrder() {
    assertThat(parser().specs())
        .containsExactly(HELP, AUDIT, BACKUP_NOW, BACKUP_LIST, RESTORE, NOTE);
  }
}
