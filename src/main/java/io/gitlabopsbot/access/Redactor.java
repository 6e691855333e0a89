package io.gitlabopsbot.access;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that is about to be stored or shown: known secret values, and anything
 * shaped like a Slack token, an AWS access key or a private key, in case a user pasted one.
 */
public final class Redactor {

  public static final String MASK = "****";

  private static final List<Pattern> SHAPES =
      List.of(
          Pattern.compile("xox[a-z]-[A-Za-z0-9-]+"),
          Pattern.compile("xapp-[A-Za-z0-9-]+"),
          Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
          Pattern.compile("(?i)((?:password|passwd|secret|token)\\s*[=:]\\s*)\\S+"));

  private final List<String> knownSecrets;

  /**
   * @param knownSecrets exact values to mask wherever they appear (empty values are ignored)
   */
  public Redactor(List<String> knownSecrets) {
    this.knownSecrets =
        knownSecrets.stream().filter(s -> s != null && s.length() >= 4).distinct().toList();
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : knownSecrets) {
      result = result.replace(secret, MASK);
    }
    for (int i = 0; i < SHAPES.size(); i++) {
      Pattern shape = SHAPES.get(i);
      // The key=value shape keeps the key so the reader still sees what was there.
      result = shape.matcher(result).replaceAll(i == SHAPES.size() - 1 ? "$1" + MASK : MASK);
    }
    return result;
  }
}
