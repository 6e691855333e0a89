package io.gitlabopsbot.kubernetes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A label selector made only of {@code key=value} terms. Set-based terms ({@code in}, {@code !=},
 * {@code notin}, bare keys) are rejected: some API fakes ignore them, which would silently widen a
 * selection, and the bot has no need for them.
 */
public record EqualitySelector(Map<String, String> labels) {

  private static final Pattern KEY =
      Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  public EqualitySelector {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    labels.forEach(EqualitySelector::check);
  }

  /**
   * Parses {@code app=toolbox,release=gitlab}.
   *
   * @throws IllegalArgumentException naming the offending term when it is not {@code key=value}
   */
  public static EqualitySelector parse(String selector) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String term : selector.split(",")) {
      String trimmed = term.strip();
      int eq = trimmed.indexOf('=');
      if (eq <= 0 || trimmed.contains("!=") || trimmed.contains("==")) {
        throw new IllegalArgumentException(
            "label selector term '"
                + trimmed
                + "' is not key=value; only equality selectors are supported");
      }
      labels.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
    }
    return new EqualitySelector(labels);
  }

  /** This selector plus one more term (replacing any term with the same key). */
  public EqualitySelector with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(labels);
    more.put(key, value);
    return new EqualitySelector(more);
  }

  @Override
  public String toString() {
    return labels.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
  }

  private static void check(String key, String value) {
    if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "'" + key + "=" + value + "' is not a valid Kubernetes label");
    }
  }
}
