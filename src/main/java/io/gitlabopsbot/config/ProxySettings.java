package io.gitlabopsbot.config;

import java.util.List;

/**
 * Outbound proxy, from {@code HTTPS_PROXY}/{@code NO_PROXY} (upper or lower case).
 *
 * @param httpsProxy proxy URL such as {@code http://proxy.corp:3128}; null for direct connections
 * @param noProxy host patterns reached directly: exact names, {@code .suffix} or {@code *.suffix}
 *     domains, IP literals; {@code *} alone disables the proxy
 */
public record ProxySettings(String httpsProxy, List<String> noProxy) {

  public ProxySettings {
    noProxy = List.copyOf(noProxy);
  }

  public static ProxySettings none() {
    return new ProxySettings(null, List.of());
  }
}
