package io.gitlabopsbot.migration.steps;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitLab version strings the way both sides write them ({@code 17.5.2-ee}, {@code v17.5.2}).
 */
final class GitLabVersions {

  private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)(-[a-z0-9.]+)?");

  private GitLabVersions() {}

  /** {@code 17.5.2} from {@code 17.5.2-ee\n}; the text itself when it is no version. */
  static String plain(String text) {
    String stripped = text.strip();
    Matcher m = VERSION.matcher(stripped);
    return m.matches() ? m.group(1) : stripped;
  }
}
