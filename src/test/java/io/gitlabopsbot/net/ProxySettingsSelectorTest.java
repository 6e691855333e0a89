package io.gitlabopsbot.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.config.ProxySettings;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySettingsSelectorTest {

  private final ProxySettingsSelector selector =
      new ProxySettingsSelector(
          new ProxySettings("http://user:pw@proxy.corp:3128", List.of(".internal", "10.0.0.0/8")));

  @Test
  void select_whenHostNotExcluded_returnsUnresolvedHttpProxy() {
    List<Proxy> proxies = selector.select(URI.create("https://slack.com/api/chat.postMessage"));

    assertThat(proxies).hasSize(1);
    assertThat(proxies.get(0).type()).isEqualTo(Proxy.Type.HTTP);
    InetSocketAddress address = (InetSocketAddress) proxies.get(0).address();
    assertThat(address.isUnresolved()).isTrue();
    assertThat(address.getHostString()).isEqualTo("proxy.corp");
    assertThat(address.getPort()).isEqualTo(3128);
  }

  @Test
  void select_whenHostInNoProxy_isDirect() {
    assertThat(selector.select(URI.create("https://gitlab.internal/")))
        .containsExactly(Proxy.NO_PROXY);
    assertThat(selector.select(URI.create("http://10.3.4.5:9000/bucket")))
        .containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void select_whenNoProxyConfigured_isDirect() {
    ProxySettingsSelector none = new ProxySettingsSelector(ProxySettings.none());

    assertThat(none.select(URI.create("https://slack.com/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(none.endpoint()).isEmpty();
  }

  @Test
  void proxyFor_exposesCredentialsForClientsToAuthenticate() {
    assertThat(selector.proxyFor("slack.com"))
        .get()
        .extracting(ProxyEndpoint::username)
        .isEqualTo("user");
    assertThat(selector.proxyFor("a.internal")).isEmpty();
  }
}
