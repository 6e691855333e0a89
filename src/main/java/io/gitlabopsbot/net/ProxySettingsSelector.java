package io.gitlabopsbot.net;

import io.gitlabopsbot.config.ProxySettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A {@link ProxySelector} driven by our {@link ProxySettings} rather than JVM system properties, so
 * every client that accepts a selector follows the same {@code HTTPS_PROXY}/{@code NO_PROXY} rules.
 * Proxy credentials are not handled here: each client adds them its own way from {@link
 * #endpoint()}.
 */
public final class ProxySettingsSelector extends ProxySelector {

  private final ProxyEndpoint endpoint;
  private final NoProxyMatcher noProxy;

  /**
   * @throws IllegalArgumentException when the proxy URL is invalid
   */
  public ProxySettingsSelector(ProxySettings settings) {
    this.endpoint =
        settings.httpsProxy() == null || settings.httpsProxy().isBlank()
            ? null
            : ProxyEndpoint.parse(settings.httpsProxy(), "the proxy URL");
    this.noProxy = new NoProxyMatcher(settings.noProxy());
  }

  /** The configured proxy, empty when connections are always direct. */
  public Optional<ProxyEndpoint> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** The proxy to use for {@code host}, empty when it is reached directly. */
  public Optional<ProxyEndpoint> proxyFor(String host) {
    return endpoint == null || noProxy.matches(host) ? Optional.empty() : Optional.of(endpoint);
  }

  public NoProxyMatcher noProxy() {
    return noProxy;
  }

  @Override
  public List<Proxy> select(URI uri) {
    if (uri == null) {
      throw new IllegalArgumentException("uri must not be null");
    }
    Optional<ProxyEndpoint> proxy = proxyFor(uri.getHost());
    if (proxy.isEmpty()) {
      return List.of(Proxy.NO_PROXY);
    }
    // Unresolved, so the proxy's name is looked up when connecting, not once at start.
    return List.of(
        new Proxy(
            Proxy.Type.HTTP,
            InetSocketAddress.createUnresolved(proxy.get().host(), proxy.get().port())));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    // Nothing to remember: there is a single proxy and the failing client reports the error.
  }
}
