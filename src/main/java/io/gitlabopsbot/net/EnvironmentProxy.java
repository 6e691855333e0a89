package io.gitlabopsbot.net;

import io.gitlabopsbot.config.ProxySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the outbound proxy from the process environment, the way corporate images set it.
 *
 * <p>The proxy comes from the first non-empty of {@code HTTPS_PROXY}, {@code https_proxy}, {@code
 * HTTP_PROXY}, {@code http_proxy}. Every endpoint the bot calls in production is HTTPS, so {@code
 * HTTPS_PROXY} is the one that matters; the {@code HTTP_PROXY} fallback exists because many images
 * set only that one to the same CONNECT-capable proxy, and silently going direct would end in
 * connect timeouts that are hard to explain. The chosen proxy is used for plain-http URLs too (test
 * servers, S3-compatible stores). {@code NO_PROXY} (else {@code no_proxy}) is a comma separated
 * list, see {@link NoProxyMatcher}.
 */
public final class EnvironmentProxy {

  private static final List<String> PROXY_VARIABLES =
      List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");

  private EnvironmentProxy() {}

  /**
   * The proxy settings in {@code env}: no proxy (direct connections) when none of the variables is
   * set, and an empty {@code NO_PROXY} list when that is unset.
   *
   * @throws IllegalArgumentException naming the variable when the proxy URL is invalid; the message
   *     never contains the URL's credentials
   */
  public static ProxySettings fromEnvironment(Map<String, String> env) {
    String proxy = null;
    for (String name : PROXY_VARIABLES) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        // Validate now, at start, so a typo fails the boot instead of the first outbound call.
        ProxyEndpoint.parse(value, name);
        proxy = value.trim();
        break;
      }
    }
    String noProxy = env.get("NO_PROXY");
    if (noProxy == null || noProxy.isBlank()) {
      noProxy = env.get("no_proxy");
    }
    return new ProxySettings(proxy, split(noProxy));
  }

  private static List<String> split(String list) {
    List<String> entries = new ArrayList<>();
    if (list != null) {
      for (String entry : list.split(",")) {
        if (!entry.isBlank()) {
          entries.add(entry.trim());
        }
      }
    }
    return entries;
  }
}
