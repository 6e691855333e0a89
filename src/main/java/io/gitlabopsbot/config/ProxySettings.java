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

  /** The password embedded in the proxy URL ({@code http://user:password@host}), if any. */
  public java.util.Optional<Secret> password() {
    if (httpsProxy == null) {
      return java.util.Optional.empty();
    }
    int at = httpsProxy.lastIndexOf('@');
    int scheme = httpsProxy.indexOf("://");
    String userInfo = at < 0 ? "" : httpsProxy.substring(scheme < 0 ? 0 : scheme + 3, at);
    int colon = userInfo.indexOf(':');
    return colon < 0 || colon == userInfo.length() - 1
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            new Secret(
                java.net.URLDecoder.decode(
                    userInfo.substring(colon + 1), java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Never shows proxy credentials. */
  @Override
  public String toString() {
    String shown = httpsProxy == null ? null : httpsProxy.replaceAll("//[^/@]*@", "//****@");
    return "ProxySettings[httpsProxy=" + shown + ", noProxy=" + noProxy + "]";
  }

  public static ProxySettings none() {
    return new ProxySettings(null, List.of());
  }
}
