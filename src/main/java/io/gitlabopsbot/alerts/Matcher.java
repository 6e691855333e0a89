package io.gitlabopsbot.alerts;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One label condition, as in Alertmanager: {@code label=value}, {@code label!=value}, {@code
 * label=~regex}, {@code label!~regex}. A missing label counts as the empty value, and a regex must
 * match the whole value (Alertmanager anchors it), so {@code severity=~"crit"} does not match
 * {@code critical}.
 */
public record Matcher(String label, Op op, String value) {

  /** The comparison, written as in Alertmanager. */
  public enum Op {
    EQUAL("="),
    NOT_EQUAL("!="),
    REGEX("=~"),
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /** How Alertmanager writes it. */
    public String symbol() {
      return symbol;
    }

    boolean isRegex() {
      return this == REGEX || this == NOT_REGEX;
    }
  }

  public Matcher {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses Alertmanager's string form: {@code severity=~"critical|warning"}, {@code
   * namespace!=gitlab}; the value may be double-quoted (with {@code \"}, {@code \\}, {@code \n}
   * escapes) or bare.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Matcher parse(String text) {
    return MatcherSyntax.parse(text);
  }

  /** Compiles this matcher; regex values are anchored at both ends. */
  Compiled compile() {
    if (!op.isRegex()) {
      return labels -> (op == Op.EQUAL) == value.equals(labels.getOrDefault(label, ""));
    }
    // Compiled alone first: it reports errors at the user's own index, and a value such as
    // "a)|(b" that only balances inside the anchoring group is refused rather than unanchored.
    Pattern.compile(value);
    Pattern pattern = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
    return labels -> (op == Op.REGEX) == pattern.matcher(labels.getOrDefault(label, "")).matches();
  }

  @Override
  public String toString() {
    return label + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** A matcher ready to test label sets. */
  @FunctionalInterface
  interface Compiled {
    boolean matches(Map<String, String> labels);
  }
}
