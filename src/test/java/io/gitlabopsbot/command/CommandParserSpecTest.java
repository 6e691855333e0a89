package io.gitlabopsbot.command;

import static io.gitlabopsbot.command.CommandParserTest.AUDIT;
import static io.gitlabopsbot.command.CommandParserTest.HELP;
import static io.gitlabopsbot.command.CommandParserTest.spec;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.gitlabopsbot.command.CommandSpec.ArgumentSpec;
import io.gitlabopsbot.command.CommandSpec.FlagSpec;
import io.gitlabopsbot.config.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserSpecTest {

  static ArgumentSpec arg(String name, boolean required) {
    return new ArgumentSpec(name, required, null, null);
  }

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        arguments(
            List.of(HELP, AUDIT, spec("help", List.of(), List.of(), Role.VIEWER)),
            "two commands have the path 'help'"),
        arguments(List.of(spec("Help", List.of(), List.of(), Role.VIEWER)), "command path 'Help'"),
        arguments(
            List.of(spec("backup now please", List.of(), List.of(), Role.VIEWER)), "one or two"),
        arguments(List.of(spec("", List.of(), List.of(), Role.VIEWER)), "command path ''"),
        arguments(List.of(spec("backup  now", List.of(), List.of(), Role.VIEWER)), "command path"),
        arguments(List.of(spec("--x", List.of(), List.of(), Role.VIEWER)), "command path '--x'"),
        arguments(List.of(), "no commands"),
        arguments(
            List.of(spec("a", List.of(arg("x", false), arg("y", true)), List.of(), Role.VIEWER)),
            "command `a` has required <y> after an optional argument"),
        arguments(
            List.of(spec("a", List.of(arg("x", true), arg("x", false)), List.of(), Role.VIEWER)),
            "command `a` has two arguments named x"),
        arguments(
            List.of(spec("a", List.of(arg("X y", true)), List.of(), Role.VIEWER)),
            "command `a` has argument name 'X y'"),
        arguments(
            List.of(
                spec(
                    "a",
                    List.of(new ArgumentSpec("x", true, "[a-z", "a letter")),
                    List.of(),
                    Role.VIEWER)),
            "command `a` has an invalid pattern for x"),
        arguments(
            List.of(
                spec(
                    "a",
                    List.of(new ArgumentSpec("x", true, "[a-z]", null)),
                    List.of(),
                    Role.VIEWER)),
            "command `a` has a pattern but no expected-value text for x"),
        arguments(
            List.of(
                spec(
                    "a",
                    List.of(),
                    List.of(FlagSpec.bool("f", "x"), FlagSpec.bool("f", "y")),
                    Role.VIEWER)),
            "command `a` declares --f twice"),
        arguments(
            List.of(
                spec(
                    "a",
                    List.of(),
                    List.of(FlagSpec.valued("target", "t", null, "t")),
                    Role.VIEWER)),
            "command `a` declares --target, which every command accepts already"),
        arguments(
            List.of(
                spec(
                    "a",
                    List.of(),
                    List.of(new FlagSpec("f", null, "x", "d", false)),
                    Role.VIEWER)),
            "command `a` gives boolean flag --f a value pattern"),
        arguments(
            List.of(spec("a", List.of(), List.of(FlagSpec.bool("--f", "d")), Role.VIEWER)),
            "command `a` has flag name '--f'"),
        arguments(
            List.of(spec("a", List.of(), List.of(FlagSpec.bool("f", null)), Role.VIEWER)),
            "command `a` has no description for --f"));
  }

  @ParameterizedTest
  @MethodSource("badSpecs")
  void constructor_whenSpecsAreBad_isRejected(List<CommandSpec> specs, String message) {
    assertThatThrownBy(() -> new CommandParser("/gitlab", specs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void constructor_whenPatternDoesNotCompile_chainsTheCause() {
    CommandSpec broken =
        spec("a", List.of(), List.of(FlagSpec.valued("f", "v", "(", "a value")), Role.VIEWER);

    assertThatThrownBy(() -> new CommandParser("/gitlab", List.of(broken)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("command `a` has an invalid pattern for --f")
        .hasCauseInstanceOf(PatternSyntaxException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gitlab", "/", "/Git Lab", "/gitlab now"})
  void constructor_whenSlashCommandMalformed_isRejected(String slashCommand) {
    assertThatThrownBy(() -> new CommandParser(slashCommand, List.of(HELP)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must look like /gitlab");
  }

  @Test
  void constructor_whenSpecListContainsNull_isRejected() {
    List<CommandSpec> specs = new ArrayList<>();
    specs.add(HELP);
    specs.add(null);

    assertThatThrownBy(() -> new CommandParser("/gitlab", specs))
        .isInstanceOf(NullPointerException.class);
  }
}
