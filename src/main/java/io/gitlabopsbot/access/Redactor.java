package io.gitlabopsbot.access;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text that is about to be stored or shown: known secret values, and anything
 * shaped like a secret, in case a user pasted one or a command printed one — tokens (Slack, GitLab,
 * AWS key IDs), private keys, Slack webhook URLs, credentials in URLs, {@code Authorization}
 * headers, and assignments to a secret-looking name in any syntax (Ruby {@code ['smtp_password'] =
 * "…"} and {@code 'password' => '…'}, JSON {@code "password": "…"}, YAML, env {@code
 * AWS_SECRET_ACCESS_KEY=…}, {@code password=…}).
 */
public final class Redactor {

  public static final String MASK = "****";

  private record Shape(Pattern pattern, Function<MatchResult, String> replacement) {
    String apply(String text) {
      return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(replacement.apply(m)));
    }
  }

  /** Names whose value is a secret: {@code smtp_password}, {@code AWS_SECRET_ACCESS_KEY}, … */
  private static final String SECRET_NAME =
      "(?:password|passwd|passphrase|secret|token|api[_-]?key|private[_-]?key|access[_-]?key"
          + "|signing[_-]?key|encryption[_-]?key|key[_-]?base)";

  /** A value: double- or single-quoted (escapes allowed), or a bare word. */
  private static final String VALUE =
      "(\"(?:[^\"\\\\\\n]|\\\\.)*\"?|'(?:[^'\\\\\\n]|\\\\.)*'?|[^\\s,;}\\]\"']+)";

  private static final List<Shape> SHAPES =
      List.of(
          masked(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
          masked("xox[a-z]-[A-Za-z0-9-]+"),
          masked("xapp-[A-Za-z0-9-]+"),
          masked("(?<![A-Za-z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
          masked(
              "(?<![A-Za-z0-9])(?:glpat|glrt|gldt|glptt|glft|glimt|glagent|glcbt|glsoat|gloas)"
                  + "-[A-Za-z0-9_.\\-]{8,}"),
          new Shape(
              Pattern.compile(
                  "(https?://hooks\\.slack(?:-gov)?\\.com/(?:services|workflows|triggers)/)\\S+"),
              m -> m.group(1) + MASK),
          // user:password@ in any URL (JDBC, git, redis, proxies).
          new Shape(
              Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://[^\\s/:@]*:)[^\\s/@]+@"),
              m -> m.group(1) + MASK + "@"),
          new Shape(
              Pattern.compile(
                  "(?i)(authorization[\"']?[ \\t]*[:=][ \\t]*[\"']?"
                      + "(?:(?:bearer|basic|token|bot|digest)[ \\t]+)?)[^\\s\"',;]+"),
              m -> m.group(1) + MASK),
          new Shape(
              Pattern.compile("(?i)(\\b(?:bearer|basic)[ \\t]+)[A-Za-z0-9._~+/=\\-]{8,}"),
              m -> m.group(1) + MASK),
          // The name stays, so the reader still sees what was there; quotes stay around the mask.
          new Shape(
              Pattern.compile(
                  "(?i)("
                      + SECRET_NAME
                      // A suffix starts with a separator: "secret_key" and "TOKEN_FILE", but
                      // not plain words such as "secrets: keys …".
                      + "(?:[_.\\-][A-Za-z0-9_.\\-]*)?[\"']?\\]?[ \\t]*(?:=>|=|:)[ \\t]*)"
                      + VALUE),
              m -> m.group(1) + quoted(m.group(2))));

  private volatile List<String> knownSecrets;

  /**
   * @param knownSecrets exact values to mask wherever they appear (values under 4 characters are
   *     ignored)
   */
  public Redactor(List<String> knownSecrets) {
    this.knownSecrets = usable(knownSecrets);
  }

  /**
   * Adds values learnt after start (e.g. the secrets of a host the bot connects to), to be masked
   * from now on by every user of this redactor (logs, audit, Slack).
   */
  public synchronized void learn(List<String> secrets) {
    List<String> all = new java.util.ArrayList<>(knownSecrets);
    all.addAll(secrets);
    knownSecrets = usable(all);
  }

  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (String secret : knownSecrets) {
      result = result.replace(secret, MASK);
    }
    for (Shape shape : SHAPES) {
      result = shape.apply(result);
    }
    return result;
  }

  private static List<String> usable(List<String> secrets) {
    // Longest first, so a secret that contains another one is masked whole.
    return secrets.stream()
        .filter(s -> s != null && s.length() >= 4)
        .distinct()
        .sorted(java.util.Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  private static Shape masked(String regex) {
    return new Shape(Pattern.compile(regex), m -> MASK);
  }

  private static String quoted(String value) {
    char first = value.charAt(0);
    return first == '"' || first == '\'' ? first + MASK + first : MASK;
  }
}
