package io.gitlabopsbot.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/** Validates {@code alerts.alertmanager}: the API base URL, and its credentials from the env. */
final class AlertsConfigApiValidator {

  static final String KEY = "alerts.alertmanager.url";

  private final Problems problems;
  private final Map<String, String> env;

  AlertsConfigApiValidator(Problems problems, Map<String, String> env) {
    this.problems = problems;
    this.env = env;
  }

  /** The API settings, or null when no URL is configured (silence buttons stay hidden). */
  AlertsConfig.AlertmanagerApi validate(RawConfig.AlertmanagerApi raw) {
    Secret token = secret(AlertsConfigValidator.API_TOKEN_ENV);
    Secret user = secret(AlertsConfigValidator.API_USER_ENV);
    Secret password = secret(AlertsConfigValidator.API_PASSWORD_ENV);
    if ((user == null) != (password == null)) {
      problems.add(
          AlertsConfigValidator.API_USER_ENV
              + " and "
              + AlertsConfigValidator.API_PASSWORD_ENV
              + " must be set together (basic auth for the Alertmanager API)");
    }
    if (token != null && user != null) {
      problems.add(
          AlertsConfigValidator.API_TOKEN_ENV
              + " and "
              + AlertsConfigValidator.API_USER_ENV
              + " are both set; the Alertmanager API takes one kind of credentials, keep one");
    }
    if (raw == null || raw.url() == null || raw.url().isBlank()) {
      return null;
    }
    URI url = parse(raw.url().strip());
    return url == null ? null : new AlertsConfig.AlertmanagerApi(url, token, user, password);
  }

  private URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      problems.add(KEY + ": `" + text + "` is not a URL");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      problems.add(
          KEY
              + ": `"
              + text
              + "` must be an http(s) URL such as http://alertmanager.monitoring.svc:9093");
      return null;
    }
    // Credentials in the URL would sit in the YAML and show up in messages; they belong in the env.
    if (uri.getRawUserInfo() != null) {
      problems.add(
          KEY
              + ": must not contain credentials; set "
              + AlertsConfigValidator.API_USER_ENV
              + " and "
              + AlertsConfigValidator.API_PASSWORD_ENV
              + " (or "
              + AlertsConfigValidator.API_TOKEN_ENV
              + ") in the environment instead");
      return null;
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      problems.add(KEY + ": `" + text + "` must not have a query or fragment; give the base URL");
      return null;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  private Secret secret(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : new Secret(value.trim());
  }
}
