package io.gitlabopsbot.alerts;

import java.util.regex.Pattern;

/** Parser of Alertmanager's matcher string form; see {@link Matcher#parse}. */
final class MatcherSyntax {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private MatcherSyntax() {}

  static Matcher parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("matcher is empty; write e.g. severity=\"critical\"");
    }
    String trimmed = text.strip();
    int opStart = indexOfOperator(trimmed);
    if (opStart < 0) {
      throw new IllegalArgumentException(
          "matcher '" + trimmed + "' has no operator; use =, !=, =~ or !~");
    }
    String label = trimmed.substring(0, opStart).strip();
    if (!LABEL_NAME.matcher(label).matches()) {
      throw new IllegalArgumentException(
          "matcher '" + trimmed + "' has an invalid label name '" + label + "'");
    }
    Matcher.Op op = operatorAt(trimmed, opStart);
    String rest = trimmed.substring(opStart + op.symbol().length()).strip();
    return new Matcher(label, op, value(rest, trimmed));
  }

  private static int indexOfOperator(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '='
          || (c == '!' && i + 1 < text.length() && "=~".indexOf(text.charAt(i + 1)) >= 0)) {
        return i;
      }
    }
    return -1;
  }

  private static Matcher.Op operatorAt(String text, int index) {
    char first = text.charAt(index);
    char next = index + 1 < text.length() ? text.charAt(index + 1) : ' ';
    if (first == '!') {
      return next == '=' ? Matcher.Op.NOT_EQUAL : Matcher.Op.NOT_REGEX;
    }
    return next == '~' ? Matcher.Op.REGEX : Matcher.Op.EQUAL;
  }

  private static String value(String rest, String whole) {
    if (!rest.startsWith("\"")) {
      if (rest.contains("\"")) {
        throw new IllegalArgumentException("matcher '" + whole + "' has a stray quote");
      }
      return rest;
    }
    StringBuilder value = new StringBuilder();
    for (int i = 1; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '"') {
        if (i != rest.length() - 1) {
          throw new IllegalArgumentException(
              "matcher '" + whole + "' has text after the closing quote");
        }
        return value.toString();
      }
      if (c == '\\' && i + 1 < rest.length()) {
        char escaped = rest.charAt(++i);
        value.append(escaped == 'n' ? '\n' : escaped);
      } else {
        value.append(c);
      }
    }
    throw new IllegalArgumentException("matcher '" + whole + "' has an unclosed quote");
  }
}
