package io.gitlabopsbot.net;

import io.gitlabopsbot.config.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated forward proxy: where it listens and, optionally, the credentials taken from the URL's
 * {@code user:pass@} part. {@link #toString()} never shows the password.
 *
 * <p>All three client stacks (OkHttp, the JDK client used by fabric8, Apache HttpClient) talk plain
 * HTTP to the proxy and tunnel TLS with CONNECT; an {@code https://} proxy URL only changes the
 * default port to 443, it does not encrypt the hop to the proxy.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param username null when the URL has no credentials
 * @param password null when the URL has no credentials
 */
public record ProxyEndpoint(
    String scheme, String host, int port, String username, Secret password) {

  // The text after the host's last colon, outside IPv6 brackets: what the URL gives as port.
  private static final Pattern PORT = Pattern.compile(":([^\\]:]*)$");

  /**
   * Parses and validates a proxy URL.
   *
   * @param source what the URL came from, e.g. {@code HTTPS_PROXY}, named in error messages
   * @throws IllegalArgumentException naming {@code source}, never echoing credentials
   */
  public static ProxyEndpoint parse(String url, String source) {
    String trimmed = url == null ? "" : url.trim();
    String safe = redact(trimmed);
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      // The cause is dropped on purpose: its message repeats the whole URL, credentials included.
      throw invalid(source, safe, "it is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw invalid(source, safe, "the scheme must be http:// or https://");
    }
    String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
    Matcher portPart = PORT.matcher(authority.substring(authority.lastIndexOf('@') + 1));
    if (portPart.find() && !validPort(portPart.group(1))) {
      throw invalid(source, safe, "the port must be a number from 1 to 65535");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw invalid(source, safe, "it has no valid host (expected e.g. http://proxy.corp:3128)");
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !"/".equals(uri.getRawPath())) {
      throw invalid(source, safe, "a proxy URL has no path (expected e.g. http://proxy.corp:3128)");
    }
    int port = uri.getPort() == -1 ? ("https".equals(scheme) ? 443 : 80) : uri.getPort();
    String user = null;
    Secret password = null;
    if (uri.getUserInfo() != null) {
      String info = uri.getUserInfo();
      int colon = info.indexOf(':');
      user = colon < 0 ? info : info.substring(0, colon);
      password = new Secret(colon < 0 ? "" : info.substring(colon + 1));
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ProxyEndpoint(scheme, host.toLowerCase(Locale.ROOT), port, user, password);
  }

  private static boolean validPort(String digits) {
    if (!digits.matches("[0-9]{1,5}")) {
      return false;
    }
    int port = Integer.parseInt(digits);
    return port >= 1 && port <= 65535;
  }

  /** The URL with its credentials replaced by {@code ****}, safe for messages. */
  public static String redact(String url) {
    int at = url == null ? -1 : url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    // Up to the last '@': a password may hold an unencoded '@' or '/', and the scheme may be
    // absent.
    int scheme = url.indexOf("://");
    int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
    return url.substring(0, start) + "****" + url.substring(at);
  }

  public boolean hasCredentials() {
    return username != null;
  }

  /** The proxy URL without credentials, e.g. {@code http://proxy.corp:3128}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + h + ":" + port;
  }

  /** The {@code Proxy-Authorization} header value, when the URL carried credentials. */
  public Optional<String> basicAuthorization() {
    if (!hasCredentials()) {
      return Optional.empty();
    }
    String pair = username + ":" + password.value();
    return Optional.of(
        "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "ProxyEndpoint[" + url() + (hasCredentials() ? ", user=" + username + "]" : "]");
  }

  private static IllegalArgumentException invalid(String source, String safeUrl, String why) {
    return new IllegalArgumentException(
        source
            + " is invalid ("
            + safeUrl
            + "): "
            + why
            + ". Fix the variable or unset it for direct connections.");
  }
}
