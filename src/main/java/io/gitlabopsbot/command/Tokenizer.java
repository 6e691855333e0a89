package io.gitlabopsbot.command;

import io.gitlabopsbot.message.SlackText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits command text into words the way a careful human reads it, never the way a shell would: no
 * variables, globs, substitutions or command separators, only whitespace and quotes.
 */
public final class Tokenizer {

  /** Longest accepted input, in characters (Unicode code points) after Slack unescaping. */
  public static final int MAX_LENGTH = 1000;

  /** Most words accepted in one command. */
  public static final int MAX_TOKENS = 30;

  /**
   * One word of input.
   *
   * @param text the word with its quotes removed
   * @param quoted true when the word starts with a quote, so it is a value and never a flag or
   *     {@code --}; {@code --name="a b"} is still a flag
   * @param position 1-based character position where the word starts
   */
  public record Token(String text, boolean quoted, int position) {}

  /** The outcome of tokenizing. */
  public sealed interface Result {}

  /** The words of the input, in order; empty for blank input. */
  public record Tokens(List<Token> tokens) implements Result {
    public Tokens {
      tokens = List.copyOf(tokens);
    }
  }

  /** Input that is refused before any word is looked at. */
  public record Rejected(String problem) implements Result {}

  /** Tokenizes the text Slack sent after the slash command (still HTML-escaped by Slack). */
  public Result tokenize(String slackText) {
    String text = SlackText.decode(slackText == null ? "" : slackText);
    int length = text.codePointCount(0, text.length());
    if (length > MAX_LENGTH) {
      return new Rejected(
          "the command is too long: " + length + " characters, the limit is " + MAX_LENGTH);
    }
    String unsafe = findUnsafeCharacter(text);
    if (unsafe != null) {
      return new Rejected(unsafe);
    }
    return split(text);
  }

  private static Result split(String text) {
    List<Token> tokens = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    int wordStart = 0;
    int i = 0;
    int position = 0;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      position++;
      i += Character.charCount(c);
      if (isSeparator(c)) {
        if (word != null) {
          tokens.add(new Token(word.toString(), quoted, wordStart));
          if (tokens.size() > MAX_TOKENS) {
            return tooManyTokens();
          }
          word = null;
          quoted = false;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
        wordStart = position;
      }
      int close = closingQuote(c);
      if (close < 0) {
        word.appendCodePoint(c);
        continue;
      }
      // A quoted section: copy up to the matching close, so quotes may also join parts of a word.
      quoted |= word.isEmpty();
      int openPosition = position;
      boolean closed = false;
      while (i < text.length() && !closed) {
        int q = text.codePointAt(i);
        position++;
        i += Character.charCount(q);
        if (q == close || (c == '„' && q == '”')) {
          closed = true;
        } else if (c == '"' && q == '\\' && i < text.length() && isEscapable(text.charAt(i))) {
          word.append(text.charAt(i));
          position++;
          i++;
        } else {
          word.appendCodePoint(q);
        }
      }
      if (!closed) {
        return new Rejected(
            "unterminated quote "
                + Character.toString(c)
                + " at position "
                + openPosition
                + ": close it with "
                + Character.toString(close));
      }
    }
    if (word != null) {
      tokens.add(new Token(word.toString(), quoted, wordStart));
    }
    return tokens.size() > MAX_TOKENS ? tooManyTokens() : new Tokens(tokens);
  }

  private static Rejected tooManyTokens() {
    return new Rejected("too many words: the limit is " + MAX_TOKENS);
  }

  /** The quote that closes {@code open}, or -1 if {@code open} does not start a quote. */
  private static int closingQuote(int open) {
    return switch (open) {
      case '"' -> '"';
      case '\'' -> '\'';
      case '“' -> '”';
      case '„' -> '“'; // German style; Polish style „…” is accepted too.
      case '‘' -> '’';
      default -> -1;
    };
  }

  private static boolean isEscapable(char c) {
    return c == '"' || c == '\\';
  }

  private static boolean isSeparator(int c) {
    return c == ' ' || c == '\t' || c == '\n' || Character.isSpaceChar(c);
  }

  /**
   * Describes the first character that is refused, or returns null. Control characters can hide or
   * rewrite what is displayed; bidi controls and invisible characters can make a command read
   * differently from what runs.
   */
  private static String findUnsafeCharacter(String text) {
    int position = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      position++;
      String kind = unsafeKind(c);
      if (kind != null) {
        return kind
            + " "
            + String.format(Locale.ROOT, "U+%04X", c)
            + " at position "
            + position
            + " is not allowed: retype the command without it";
      }
    }
    return null;
  }

  private static String unsafeKind(int c) {
    if (c == ' ' || c == '\t' || c == '\n') {
      return null;
    }
    if (Character.isISOControl(c)) {
      return "control character";
    }
    if ((c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200E
        || c == 0x200F
        || c == 0x061C) {
      return "invisible bidirectional-text control";
    }
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0xFEFF) {
      return "invisible zero-width character";
    }
    return switch (Character.getType(c)) {
      case Character.FORMAT -> "invisible formatting character";
      case Character.SURROGATE -> "broken character";
      default -> null;
    };
  }
}
