package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.net.ProxyEndpoint;
import io.gitlabopsbot.net.ProxySettingsSelector;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the fabric8 Kubernetes client with our proxy rules and timeouts.
 *
 * <p>fabric8 reads {@code HTTPS_PROXY}/{@code NO_PROXY} itself and matches them its own way (it
 * even rejects {@code *.domain} entries). To keep a single set of rules we decide here, with our
 * {@code NO_PROXY} matcher, whether the API server is reached through the proxy, then give fabric8
 * that answer: the proxy for both {@code http} and {@code https} master URLs (fabric8 picks {@code
 * httpProxy} for the former) and an empty {@code noProxy}, or no proxy at all.
 */
public final class KubernetesClients {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private KubernetesClients() {}

  /**
   * A client for the cluster the bot runs in (service account) or the current kubeconfig context.
   *
   * @param requestTimeout bound of each API request; watches and exec streams are not cut by it
   */
  public static KubernetesClient create(ProxySettings proxy, Duration requestTimeout) {
    return create(Config.autoConfigure(null), proxy, requestTimeout);
  }

  /** As {@link #create(ProxySettings, Duration)} from a given base; {@code base} is modified. */
  public static KubernetesClient create(Config base, ProxySettings proxy, Duration requestTimeout) {
    applyProxy(base, proxy);
    base.setRequestTimeout(Math.toIntExact(requestTimeout.toMillis()));
    base.setConnectionTimeout(Math.toIntExact(CONNECT_TIMEOUT.toMillis()));
    // fabric8 retries failed calls with growing back-off by default (tens of seconds); a chat
    // command needs a prompt, clear failure instead, so two quick retries at most.
    base.setRequestRetryBackoffLimit(2);
    base.setRequestRetryBackoffInterval(250);
    return new KubernetesClientBuilder().withConfig(base).build();
  }

  static void applyProxy(Config config, ProxySettings proxy) {
    String host = masterHost(config.getMasterUrl());
    Optional<ProxyEndpoint> endpoint = new ProxySettingsSelector(proxy).proxyFor(host);
    config.setNoProxy(new String[0]);
    config.setHttpProxy(endpoint.map(ProxyEndpoint::url).orElse(null));
    config.setHttpsProxy(endpoint.map(ProxyEndpoint::url).orElse(null));
    config.setProxyUsername(endpoint.map(ProxyEndpoint::username).orElse(null));
    config.setProxyPassword(
        endpoint.filter(ProxyEndpoint::hasCredentials).map(e -> e.password().value()).orElse(null));
  }

  private static String masterHost(String masterUrl) {
    if (masterUrl == null || masterUrl.isBlank()) {
      throw new IllegalStateException(
          "no Kubernetes API server found: run in a pod with a service account or set a kubeconfig");
    }
    String url = masterUrl.contains("://") ? masterUrl : "https://" + masterUrl;
    String host = URI.create(url).getHost();
    if (host == null) {
      throw new IllegalStateException(
          "the Kubernetes API server URL " + masterUrl + " has no host; check the kubeconfig");
    }
    return host;
  }
}
