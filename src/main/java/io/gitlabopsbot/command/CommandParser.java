package io.gitlabopsbot.command;

import static io.gitlabopsbot.message.SlackText.code;

import io.gitlabopsbot.command.CommandSpec.FlagSpec;
import io.gitlabopsbot.command.ParseResult.Invalid;
import io.gitlabopsbot.command.Tokenizer.Rejected;
import io.gitlabopsbot.command.Tokenizer.Token;
import io.gitlabopsbot.command.Tokenizer.Tokens;
import io.gitlabopsbot.message.SlackText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns the text after the slash command into a {@link ParseResult}. This is the only place where
 * user text becomes arguments; nothing is ever handed to a shell.
 *
 * <p>{@link Invalid#problem()} is ready for Slack mrkdwn: user text in it is quoted, shortened and
 * escaped so it cannot mention anyone. {@link Invalid#usage()} is the raw {@link
 * CommandSpec#usage(String)} line (or null), to be escaped by whoever renders it.
 */
public final class CommandParser {

  /** The flag every command accepts: which GitLab installation to act on. */
  public static final String TARGET_FLAG = "target";

  /** Syntax of a target name (a DNS label); whether the target exists is checked elsewhere. */
  public static final String TARGET_PATTERN = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

  private static final FlagSpec TARGET =
      FlagSpec.valued(
          TARGET_FLAG,
          "name",
          TARGET_PATTERN,
          "a target name: lower-case letters, digits and -, at most 63 characters");

  private static final Pattern SLASH = Pattern.compile("/[a-z0-9_-]+");
  private static final Pattern PATH = Pattern.compile("[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)?");
  private static final Pattern WORD = Pattern.compile("[A-Za-z0-9-]+");
  private static final int MAX_SUGGESTION_DISTANCE = 2;

  private final String slashCommand;
  private final List<CommandSpec> specs;
  private final Map<String, ArgumentBinder> binders = new LinkedHashMap<>();
  private final Tokenizer tokenizer = new Tokenizer();

  /**
   * Checks every spec now, so a malformed one stops startup instead of failing a user later.
   *
   * @param slashCommand the command as registered in Slack, e.g. {@code /gitlab}
   * @param specs the commands, in the order help lists them
   * @throws IllegalArgumentException if a spec is malformed or two specs share a path
   */
  public CommandParser(String slashCommand, List<CommandSpec> specs) {
    Objects.requireNonNull(slashCommand, "slashCommand");
    Objects.requireNonNull(specs, "specs");
    if (!SLASH.matcher(slashCommand).matches()) {
      throw new IllegalArgumentException(
          "slash command '" + slashCommand + "' must look like /gitlab (lower-case, no spaces)");
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("no commands to parse: register at least one spec");
    }
    for (CommandSpec spec : specs) {
      Objects.requireNonNull(spec, "spec");
      if (!PATH.matcher(spec.path()).matches()) {
        throw new IllegalArgumentException(
            "command path '" + spec.path() + "' must be one or two lower-case words");
      }
      if (binders.containsKey(spec.path())) {
        throw new IllegalArgumentException("two commands have the path '" + spec.path() + "'");
      }
      binders.put(spec.path(), new ArgumentBinder(spec, slashCommand, TARGET));
    }
    this.slashCommand = slashCommand;
    this.specs = List.copyOf(specs);
  }

  /** The slash command these specs belong to, e.g. {@code /gitlab}. */
  public String slashCommand() {
    return slashCommand;
  }

  /** The registered commands, in registration order. */
  public List<CommandSpec> specs() {
    return specs;
  }

  /** Parses the text after the slash command; null or blank text means {@code help}. */
  public ParseResult parse(String text) {
    Tokenizer.Result tokenized = tokenizer.tokenize(text);
    if (tokenized instanceof Rejected rejected) {
      return new Invalid(SlackText.cap(rejected.problem()), null);
    }
    List<Token> tokens = ((Tokens) tokenized).tokens();
    if (tokens.isEmpty()) {
      ArgumentBinder help = binders.get("help");
      return help != null
          ? help.bind(List.of())
          : invalid("no command given: use one of " + String.join(", ", verbs()));
    }
    Token first = tokens.get(0);
    if (!first.quoted() && first.text().startsWith("-")) {
      return invalid("the command must come first, before flags like " + code(first.text()));
    }
    String verb = pathWord(first);
    if (verb != null && tokens.size() > 1) {
      String second = pathWord(tokens.get(1));
      ArgumentBinder binder = second == null ? null : binders.get(verb + " " + second);
      if (binder != null) {
        return binder.bind(tokens.subList(2, tokens.size()));
      }
    }
    ArgumentBinder binder = verb == null ? null : binders.get(verb);
    if (binder != null) {
      return binder.bind(tokens.subList(1, tokens.size()));
    }
    List<String> subcommands = subcommands(verb);
    if (!subcommands.isEmpty()) {
      String choices = ": use one of " + String.join(", ", subcommands);
      Token next = tokens.size() > 1 ? tokens.get(1) : null;
      return next == null || (!next.quoted() && next.text().startsWith("-"))
          ? invalid("`" + verb + "` needs a subcommand" + choices)
          : invalid("unknown `" + verb + "` command " + code(next.text()) + choices);
    }
    return invalid("unknown command " + code(first.text()) + suggestion(first.text()));
  }

  /** Lower-cases ASCII only, so look-alikes such as the Kelvin sign cannot become a letter. */
  static String lowerAscii(String text) {
    return text.chars().allMatch(c -> c < 0x80) ? text.toLowerCase(Locale.ROOT) : text;
  }

  private static String pathWord(Token token) {
    return WORD.matcher(token.text()).matches() ? lowerAscii(token.text()) : null;
  }

  private static Invalid invalid(String problem) {
    return new Invalid(SlackText.cap(problem), null);
  }

  private List<String> verbs() {
    List<String> verbs = new ArrayList<>();
    for (String path : binders.keySet()) {
      String verb = path.split(" ")[0];
      if (!verbs.contains(verb)) {
        verbs.add(verb);
      }
    }
    return verbs;
  }

  private List<String> subcommands(String verb) {
    List<String> subcommands = new ArrayList<>();
    if (verb != null) {
      for (String path : binders.keySet()) {
        if (path.startsWith(verb + " ")) {
          subcommands.add(path.substring(verb.length() + 1));
        }
      }
    }
    return subcommands;
  }

  private String suggestion(String given) {
    String word = lowerAscii(given);
    String best = null;
    int bestDistance = MAX_SUGGESTION_DISTANCE + 1;
    // Longer words cannot be within the distance of any verb; skip the quadratic work.
    if (word.length() <= 40) {
      for (String verb : verbs()) {
        int distance = editDistance(word, verb);
        if (distance < bestDistance) {
          best = verb;
          bestDistance = distance;
        }
      }
    }
    return best == null ? "" : " — did you mean `" + best + "`?";
  }

  /** Levenshtein distance: insertions, deletions and substitutions of single characters. */
  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
