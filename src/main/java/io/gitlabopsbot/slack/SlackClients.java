package io.gitlabopsbot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.net.ProxyEndpoint;
import io.gitlabopsbot.net.ProxySettingsSelector;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;

/**
 * Builds the Slack SDK client: our API base URL, our proxy rules, bounded timeouts and none of the
 * SDK's request/response logging (which would put message contents and headers in the log).
 */
public final class SlackClients {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration READ_WRITE_TIMEOUT = Duration.ofSeconds(30);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final Slack slack;

  /**
   * @throws IllegalArgumentException when the API base URL or the proxy URL is invalid
   */
  public SlackClients(SlackSettings settings, ProxySettings proxy) {
    SlackConfig config = config(settings, proxy);
    ProxySettingsSelector selector = new ProxySettingsSelector(proxy);
    OkHttpClient okHttp =
        SlackHttpClient.buildOkHttpClient(config)
            .newBuilder()
            // The selector, not one fixed proxy, so NO_PROXY applies per host.
            .proxy(null)
            .proxySelector(selector)
            .proxyAuthenticator(proxyAuthenticator(selector.endpoint()))
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    SlackHttpClient httpClient = new SlackHttpClient(okHttp);
    httpClient.setConfig(config);
    this.slack = Slack.getInstance(config, httpClient);
  }

  /**
   * The SDK configuration, also for Bolt's {@code AppConfig} and Socket Mode. Its proxy URL is ours
   * (the SDK would otherwise read system properties and the environment itself), or none when the
   * API host is in {@code NO_PROXY}.
   */
  public static SlackConfig config(SlackSettings settings, ProxySettings proxy) {
    String base = apiBaseUrl(settings.apiBaseUrl());
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(base);
    // The default listeners log request bodies and pretty-printed responses; we want neither.
    config.setHttpClientResponseHandlers(new ArrayList<>());
    config.setPrettyResponseLoggingEnabled(false);
    config.setLibraryMaintainerMode(false);
    // Stats start background threads and call auth.test before the first call; we keep our own.
    config.setStatsEnabled(false);
    config.setHttpClientReadTimeoutMillis((int) READ_WRITE_TIMEOUT.toMillis());
    config.setHttpClientWriteTimeoutMillis((int) READ_WRITE_TIMEOUT.toMillis());
    config.setHttpClientCallTimeoutMillis((int) CALL_TIMEOUT.toMillis());
    Optional<ProxyEndpoint> endpoint =
        new ProxySettingsSelector(proxy).proxyFor(URI.create(base).getHost());
    config.setProxyUrl(endpoint.isPresent() ? proxy.httpsProxy() : null);
    return config;
  }

  public Slack slack() {
    return slack;
  }

  /** A Web API client that sends {@code botToken} in the Authorization header. */
  public MethodsClient methods(Secret botToken) {
    return slack.methods(botToken.value());
  }

  private static String apiBaseUrl(String url) {
    String base = url == null || url.isBlank() ? "https://slack.com/api/" : url.trim();
    URI uri;
    try {
      uri = URI.create(base);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Slack API base URL " + base + " is not a URL; expected e.g. https://slack.com/api/", e);
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Slack API base URL " + base + " must be http(s)://host/…; e.g. https://slack.com/api/");
    }
    // The SDK appends the method name directly, so a missing slash would call ".../apichat.update".
    return base.endsWith("/") ? base : base + "/";
  }

  private static Authenticator proxyAuthenticator(Optional<ProxyEndpoint> endpoint) {
    Optional<String> header = endpoint.flatMap(ProxyEndpoint::basicAuthorization);
    if (header.isEmpty()) {
      return Authenticator.NONE;
    }
    return (route, response) -> {
      if (response.request().header("Proxy-Authorization") != null) {
        return null; // These credentials were refused already; retrying would loop.
      }
      return response.request().newBuilder().header("Proxy-Authorization", header.get()).build();
    };
  }
}
