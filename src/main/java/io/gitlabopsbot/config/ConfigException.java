package io.gitlabopsbot.config;

import java.util.List;

/** The configuration cannot be used; each problem names the key and what is expected. */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(format(source, problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }

  private static String format(String source, List<String> problems) {
    StringBuilder text =
        new StringBuilder("Configuration ")
            .append(source)
            .append(" has ")
            .append(problems.size())
            .append(problems.size() == 1 ? " problem:" : " problems:");
    problems.forEach(problem -> text.append("\n  - ").append(problem));
    return text.toString();
  }
}
