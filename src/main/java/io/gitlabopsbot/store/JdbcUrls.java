package io.gitlabopsbot.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pure helpers for the store's JDBC URLs: vendor, H2 defaults, and password redaction. */
final class JdbcUrls {

  static final String H2 = "h2";
  static final String POSTGRESQL = "postgresql";

  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:ssl)?(?:password|passwd|pwd)\\s*=)([^&;]*)");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)([^/@?;]*)(@)");

  private JdbcUrls() {}

  /** "h2" or "postgresql"; empty for any other URL. */
  static Optional<String> vendor(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return Optional.of(H2);
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return Optional.of(POSTGRESQL);
    }
    return Optional.empty();
  }

  /**
   * Appends the H2 options our SQL needs when the URL does not set them; in-memory databases also
   * stay alive until the JVM ends, so the pool closing its last connection does not wipe them.
   */
  static String withH2Defaults(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      return jdbcUrl;
    }
    String[] parts = jdbcUrl.split(";");
    List<String> present = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      String key = eq < 0 ? parts[i] : parts[i].substring(0, eq);
      present.add(key.trim().toUpperCase(Locale.ROOT));
    }
    // Options our SQL relies on; an operator's own value for the same option wins.
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("MODE", "PostgreSQL");
    wanted.put("DATABASE_TO_LOWER", "TRUE");
    wanted.put("DEFAULT_NULL_ORDERING", "HIGH");
    if (jdbcUrl.startsWith("jdbc:h2:mem:")) {
      wanted.put("DB_CLOSE_DELAY", "-1");
    }
    StringBuilder url = new StringBuilder(jdbcUrl);
    wanted.forEach(
        (key, value) -> {
          if (!present.contains(key)) {
            url.append(';').append(key).append('=').append(value);
          }
        });
    return url.toString();
  }

  /**
   * The file an embedded H2 URL points at ({@code jdbc:h2:file:./data/x} or {@code jdbc:h2:./x}),
   * so its directory can be created; empty for in-memory and server URLs.
   */
  static Optional<Path> h2File(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String rest = jdbcUrl.substring("jdbc:h2:".length());
    int semicolon = rest.indexOf(';');
    String location = semicolon < 0 ? rest : rest.substring(0, semicolon);
    if (location.startsWith("mem:") || location.startsWith("tcp:") || location.startsWith("ssl:")) {
      return Optional.empty();
    }
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.startsWith("~")) {
      location = System.getProperty("user.home") + location.substring(1);
    }
    return location.isBlank() ? Optional.empty() : Optional.of(Path.of(location));
  }

  /** The URL with any password in it (query/option or user-info form) replaced by {@code ****}. */
  static String redact(String jdbcUrl) {
    String redacted = PASSWORD_PARAM.matcher(jdbcUrl).replaceAll("$1****");
    return USER_INFO.matcher(redacted).replaceAll("$1****$3");
  }

  /** The password values written into the URL itself, so they can be scrubbed from errors. */
  static List<String> passwordsIn(String jdbcUrl) {
    List<String> found = new ArrayList<>();
    Matcher param = PASSWORD_PARAM.matcher(jdbcUrl);
    while (param.find()) {
      found.add(param.group(2));
    }
    Matcher userInfo = USER_INFO.matcher(jdbcUrl);
    while (userInfo.find()) {
      found.add(userInfo.group(2));
    }
    found.removeIf(String::isBlank);
    return found;
  }
}
