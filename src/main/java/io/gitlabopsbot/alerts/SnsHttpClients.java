package io.gitlabopsbot.alerts;

import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.net.ProxyEndpoint;
import io.gitlabopsbot.net.ProxySettingsSelector;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;

/** Builds the JDK HTTP client the SNS intake uses for certificates and subscription confirms. */
public final class SnsHttpClients {

  /** How long a TCP connect (to the proxy or to SNS) may take. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private SnsHttpClients() {}

  /**
   * A client that honours {@code HTTPS_PROXY}/{@code NO_PROXY} and never follows redirects: a
   * redirect could lead to a host the URL policy never approved.
   *
   * <p>Proxy credentials are offered through an {@link Authenticator}; note that the JDK client
   * sends Basic credentials in a CONNECT tunnel only when the JVM property {@code
   * jdk.http.auth.tunneling.disabledSchemes} no longer lists {@code Basic}.
   */
  public static HttpClient create(ProxySettings proxy) {
    ProxySettingsSelector selector = new ProxySettingsSelector(proxy);
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(selector);
    proxyAuthenticator(selector.endpoint()).ifPresent(builder::authenticator);
    return builder.build();
  }

  private static Optional<Authenticator> proxyAuthenticator(Optional<ProxyEndpoint> endpoint) {
    if (endpoint.isEmpty() || !endpoint.get().hasCredentials()) {
      return Optional.empty();
    }
    ProxyEndpoint proxy = endpoint.get();
    return Optional.of(
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            // Only ever answer the proxy's challenge, never a server's.
            if (getRequestorType() != RequestorType.PROXY) {
              return null;
            }
            return new PasswordAuthentication(
                proxy.username(), proxy.password().value().toCharArray());
          }
        });
  }
}
