package io.gitlabopsbot.message;

/**
 * Converts between Slack's escaped command text and plain text, and makes user text safe to echo.
 */
public final class SlackText {

  /** How much of a piece of user text is quoted back in a message. */
  public static final int MAX_QUOTED = 40;

  /** The longest problem message the parser produces. */
  public static final int MAX_MESSAGE = 300;

  private static final String ELLIPSIS = "…";

  private SlackText() {}

  /**
   * Undoes the only escaping Slack applies to command text: {@code &amp;}, {@code &lt;} and {@code
   * &gt;}. Done in one pass so that {@code &amp;lt;} becomes the literal {@code &lt;} the user
   * typed.
   */
  public static String decode(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("&amp;", i)) {
        out.append('&');
        i += 5;
      } else if (text.startsWith("&lt;", i)) {
        out.append('<');
        i += 4;
      } else if (text.startsWith("&gt;", i)) {
        out.append('>');
        i += 4;
      } else {
        out.append(text.charAt(i));
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Quotes user text as inline code that cannot break out of the code span, ping anyone ({@code
   * <!channel>}, {@code <@U123>}) or flood the message: truncated to {@value #MAX_QUOTED}
   * characters, backticks and line breaks replaced, {@code & < >} escaped.
   */
  public static String code(String userText) {
    if (userText.isEmpty()) {
      return "`\"\"`";
    }
    String shortened = userText;
    if (userText.codePointCount(0, userText.length()) > MAX_QUOTED) {
      shortened = userText.substring(0, userText.offsetByCodePoints(0, MAX_QUOTED)) + ELLIPSIS;
    }
    StringBuilder out = new StringBuilder(shortened.length() + 8).append('`');
    shortened
        .codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '`' -> out.append('\'');
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                // A line break would end the code span and let the rest render as mrkdwn.
                case '\n', '\t' -> out.append(' ');
                default -> out.appendCodePoint(c);
              }
            });
    return out.append('`').toString();
  }

  /** Escapes {@code & < >} in trusted text (names, spec descriptions) that goes into mrkdwn. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Cuts a message to at most {@value #MAX_MESSAGE} characters so no reply can be flooded. */
  public static String cap(String message) {
    if (message.length() <= MAX_MESSAGE) {
      return message;
    }
    int end = MAX_MESSAGE - ELLIPSIS.length();
    if (Character.isHighSurrogate(message.charAt(end - 1))) {
      end--;
    }
    return message.substring(0, end) + ELLIPSIS;
  }
}
