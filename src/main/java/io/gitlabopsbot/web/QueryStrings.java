package io.gitlabopsbot.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes {@code application/x-www-form-urlencoded} strings such as a request's query. */
public final class QueryStrings {

  private QueryStrings() {}

  /** Parameter values by name, in order of appearance; an empty map for null or "". */
  public static Map<String, List<String>> parse(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.computeIfAbsent(decode(name), n -> new ArrayList<>()).add(decode(value));
    }
    return params;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a stray '%' is kept literally rather than failing the whole request
    }
  }
}
