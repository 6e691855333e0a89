package io.gitlabopsbot.command;

import static io.gitlabopsbot.message.SlackText.code;
import static io.gitlabopsbot.message.SlackText.escape;

import io.gitlabopsbot.command.CommandSpec.ArgumentSpec;
import io.gitlabopsbot.command.CommandSpec.FlagSpec;
import io.gitlabopsbot.command.ParseResult.Invalid;
import io.gitlabopsbot.command.ParseResult.Parsed;
import io.gitlabopsbot.command.Tokenizer.Token;
import io.gitlabopsbot.message.SlackText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Binds the words after a command's path to its flags and positional arguments, strictly. */
final class ArgumentBinder {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

  /** A flag or argument with its pattern compiled; {@code valued} is false for boolean flags. */
  private record Checked(
      String name, Pattern pattern, String expected, boolean secret, boolean valued) {}

  private final CommandSpec spec;
  private final String usage;
  private final Map<String, Checked> flags = new LinkedHashMap<>();
  private final List<Checked> arguments = new ArrayList<>();
  private final long required;

  /** Validates {@code spec} up front so that a bad spec fails at startup, not on first use. */
  ArgumentBinder(CommandSpec spec, String slashCommand, FlagSpec globalFlag) {
    this.spec = spec;
    this.usage = spec.usage(slashCommand);
    for (FlagSpec flag : spec.flags()) {
      addFlag(flag);
    }
    if (flags.containsKey(globalFlag.name())) {
      throw badSpec("declares --" + globalFlag.name() + ", which every command accepts already");
    }
    addFlag(globalFlag);
    boolean optionalSeen = false;
    for (ArgumentSpec argument : spec.arguments()) {
      requireName(argument == null ? null : argument.name(), "argument");
      if (arguments.stream().anyMatch(a -> a.name().equals(argument.name()))) {
        throw badSpec("has two arguments named " + argument.name());
      }
      if (argument.required() && optionalSeen) {
        throw badSpec("has required <" + argument.name() + "> after an optional argument");
      }
      optionalSeen |= !argument.required();
      arguments.add(
          new Checked(
              argument.name(),
              compile(argument.pattern(), argument.expected(), argument.name()),
              argument.expected(),
              false,
              true));
    }
    required = spec.arguments().stream().filter(ArgumentSpec::required).count();
  }

  private void addFlag(FlagSpec flag) {
    requireName(flag == null ? null : flag.name(), "flag");
    if (flags.containsKey(flag.name())) {
      throw badSpec("declares --" + flag.name() + " twice");
    }
    if (flag.description() == null) {
      throw badSpec("has no description for --" + flag.name());
    }
    if (!flag.takesValue() && flag.pattern() != null) {
      throw badSpec("gives boolean flag --" + flag.name() + " a value pattern");
    }
    // A valued flag's description doubles as the "expected …" text of its error message.
    Pattern pattern = compile(flag.pattern(), flag.description(), "--" + flag.name());
    flags.put(
        flag.name(),
        new Checked(flag.name(), pattern, flag.description(), flag.secret(), flag.takesValue()));
  }

  /** Binds {@code tokens}, the words after the command path. */
  ParseResult bind(List<Token> tokens) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> bound = new ArrayList<>();
    boolean flagsEnded = false;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String text = token.text();
      String problem;
      if (flagsEnded || token.quoted()) {
        problem = bindArgument(text, bound);
      } else if (text.equals("--")) {
        flagsEnded = true;
        problem = null;
      } else if (text.startsWith("--")) {
        int eq = text.indexOf('=');
        String given = eq < 0 ? text.substring(2) : text.substring(2, eq);
        Checked flag = flags.get(CommandParser.lowerAscii(given));
        if (flag == null) {
          problem = "unknown flag " + code("--" + given) + " for `" + spec.path() + "`";
        } else if (values.containsKey(flag.name())) {
          problem = "--" + flag.name() + " is given more than once";
        } else if (!flag.valued()) {
          problem = eq < 0 ? null : "--" + flag.name() + " takes no value";
          values.put(flag.name(), "true");
        } else if (eq >= 0) {
          problem = bindFlag(flag, text.substring(eq + 1), values);
        } else if (i + 1 < tokens.size() && !isFlag(tokens.get(i + 1))) {
          problem = bindFlag(flag, tokens.get(++i).text(), values);
        } else {
          problem = "--" + flag.name() + " needs a value" + expected(flag.expected());
        }
      } else if (text.length() > 1 && (text.charAt(0) == '—' || text.charAt(0) == '–')) {
        // Slack clients and phone keyboards turn "--" into a dash; say so instead of "unexpected".
        problem = code(text) + " starts with a typographic dash: write flags with two hyphens (--)";
      } else if (text.length() > 1 && text.startsWith("-") && !fitsNext(text, bound.size())) {
        problem = code(text) + " is not a flag: flags start with --";
      } else {
        problem = bindArgument(text, bound);
      }
      if (problem != null) {
        return invalid(problem);
      }
    }
    if (bound.size() < required) {
      return invalid("missing " + escape("<" + arguments.get(bound.size()).name() + ">"));
    }
    return new Parsed(spec, bound, values);
  }

  private static boolean isFlag(Token token) {
    return !token.quoted() && token.text().startsWith("--");
  }

  private boolean fitsNext(String text, int index) {
    return index < arguments.size()
        && arguments.get(index).pattern() != null
        && arguments.get(index).pattern().matcher(text).matches();
  }

  private String bindFlag(Checked flag, String value, Map<String, String> values) {
    String problem = check(value, flag, "value for --" + flag.name());
    if (problem == null) {
      values.put(flag.name(), value);
    }
    return problem;
  }

  private String bindArgument(String text, List<String> bound) {
    if (bound.size() >= arguments.size()) {
      return "unexpected argument " + code(text);
    }
    Checked argument = arguments.get(bound.size());
    String problem = check(text, argument, argument.name());
    if (problem == null) {
      bound.add(text);
    }
    return problem;
  }

  /** The problem with {@code value}, or null; secret values are never echoed. */
  private static String check(String value, Checked target, String what) {
    String shown = target.secret() ? "the value given" : code(value);
    if (target.pattern() != null) {
      return target.pattern().matcher(value).matches()
          ? null
          : shown + " is not a valid " + what + expected(target.expected());
    }
    if (value.isEmpty()) {
      return shown + " is not a valid " + what + ": it must not be empty";
    }
    // A value that looks like an option could be misread by a tool it is handed to.
    if (value.startsWith("-")) {
      return shown + " is not a valid " + what + ": it must not start with -";
    }
    return null;
  }

  private static String expected(String expected) {
    return expected == null || expected.isBlank() ? "" : ": expected " + escape(expected);
  }

  private Invalid invalid(String problem) {
    return new Invalid(SlackText.cap(problem), usage);
  }

  private Pattern compile(String regex, String expected, String what) {
    if (regex == null) {
      return null;
    }
    if (expected == null || expected.isBlank()) {
      throw badSpec("has a pattern but no expected-value text for " + what);
    }
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "command `" + spec.path() + "` has an invalid pattern for " + what, e);
    }
  }

  private void requireName(String name, String kind) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw badSpec("has " + kind + " name '" + name + "': use lower-case letters, digits, - or _");
    }
  }

  private IllegalArgumentException badSpec(String what) {
    return new IllegalArgumentException("command `" + spec.path() + "` " + what);
  }
}
