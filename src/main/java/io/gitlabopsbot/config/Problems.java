package io.gitlabopsbot.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects configuration problems, each naming its key and what was expected. */
final class Problems {

  private final List<String> problems = new ArrayList<>();

  void add(String problem) {
    problems.add(problem);
  }

  List<String> list() {
    return List.copyOf(problems);
  }

  String required(Pattern pattern, String value, String key, String expected) {
    if (value == null) {
      problems.add(key + ": required (" + expected + ")");
      return "";
    }
    check(pattern, value, key, expected);
    return value;
  }

  void check(Pattern pattern, String value, String key, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      problems.add(key + ": `" + value + "` is not valid; expected " + expected);
    }
  }

  void checkUrl(String key, String value, boolean httpsUnlessLocal) {
    try {
      URI uri = URI.create(value);
      boolean local = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
      boolean schemeOk =
          "https".equals(uri.getScheme())
              || ("http".equals(uri.getScheme()) && (local || !httpsUnlessLocal));
      if (uri.getHost() == null || !schemeOk) {
        problems.add(
            key + ": `" + value + "` must be an https:// URL (http:// only for localhost)");
      }
    } catch (IllegalArgumentException e) {
      problems.add(key + ": `" + value + "` is not a URL");
    }
  }
}
