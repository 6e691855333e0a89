package io.gitlabopsbot.migration;

import java.util.List;

/**
 * One secret from {@code gitlab-secrets.json}: a single string, or a list of strings for keys that
 * GitLab rotates. Its {@code toString} never shows the value.
 *
 * @param parts the string, or the list's elements in order
 * @param list whether the file held a list (kept so that secrets.yml has the same shape)
 */
record SecretValue(List<String> parts, boolean list) {

  SecretValue {
    parts = List.copyOf(parts);
  }

  static SecretValue single(String value) {
    return new SecretValue(List.of(value), false);
  }

  String single() {
    return parts.get(0);
  }

  @Override
  public String toString() {
    return "SecretValue[****]";
  }
}
