package io.gitlabopsbot.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.config.ProxySettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvironmentProxyTest {

  @Test
  void fromEnvironment_whenNothingSet_isDirect() {
    ProxySettings settings = EnvironmentProxy.fromEnvironment(Map.of());

    assertThat(settings.httpsProxy()).isNull();
    assertThat(settings.noProxy()).isEmpty();
  }

  @ParameterizedTest(name = "{0} wins")
  @CsvSource({
    "HTTPS_PROXY, http://HTTPS-PROXY:3128",
    "https_proxy, http://https-proxy:3128",
    "HTTP_PROXY, http://HTTP-PROXY:3128",
    "http_proxy, http://http-proxy:3128"
  })
  void fromEnvironment_picksFirstNonBlankVariableInPrecedenceOrder(String winner, String url) {
    List<String> order = List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy");
    Map<String, String> env = new HashMap<>();
    for (String name : order) {
      int rank = order.indexOf(name) - order.indexOf(winner);
      // Variables ranked above the winner are present but blank, which counts as unset.
      env.put(name, rank < 0 ? " " : "http://" + name.replace('_', '-') + ":3128");
    }

    assertThat(EnvironmentProxy.fromEnvironment(env).httpsProxy()).isEqualTo(url);
  }

  @Test
  void fromEnvironment_splitsNoProxyTrimmedWithoutEmptyEntries() {
    ProxySettings settings =
        EnvironmentProxy.fromEnvironment(
            Map.of("NO_PROXY", " localhost, ,.svc.cluster.local,,10.0.0.0/8 ", "no_proxy", "x"));

    assertThat(settings.noProxy()).containsExactly("localhost", ".svc.cluster.local", "10.0.0.0/8");
  }

  @Test
  void fromEnvironment_readsLowerCaseNoProxyWhenUpperCaseMissing() {
    ProxySettings settings = EnvironmentProxy.fromEnvironment(Map.of("no_proxy", "a.example"));

    assertThat(settings.noProxy()).containsExactly("a.example");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://user:hunter2@proxy:21 | the scheme must be http:// or https://",
        "proxy.corp:3128 | the scheme must be http:// or https://",
        "http://user:hunter2@proxy:99999 | the port must be a number from 1 to 65535",
        "http://user:hunter2@proxy:abc | the port must be a number from 1 to 65535",
        "http://user:hunter2@proxy:0 | the port must be a number from 1 to 65535",
        "http://user:hunter2@ | it has no valid host",
        "http://user:hunter2@proxy:3128/some/path | a proxy URL has no path",
        "http://user:hunter2@pro xy:3128 | it is not a valid URL",
        "user:hunter2@proxy:3128 | the scheme must be http:// or https://",
        "http://user:hun@ter2@proxy:3128 | (http://****@proxy:3128)",
        "http://user:hun/ter2@proxy:3128 | (http://****@proxy:3128)"
      })
  void fromEnvironment_whenProxyInvalid_namesVariableButNeverCredentials(String url, String why) {
    assertThatThrownBy(() -> EnvironmentProxy.fromEnvironment(Map.of("https_proxy", url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("https_proxy is invalid")
        .hasMessageContaining(why)
        .hasNoCause()
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void parse_whenPortMissing_defaultsBySchemeAndKeepsCredentials() {
    ProxyEndpoint http = ProxyEndpoint.parse("http://proxy.corp", "HTTPS_PROXY");
    ProxyEndpoint https = ProxyEndpoint.parse("HTTPS://bob:s%40cret@Proxy.Corp/", "HTTPS_PROXY");

    assertThat(http.port()).isEqualTo(80);
    assertThat(http.hasCredentials()).isFalse();
    assertThat(https.port()).isEqualTo(443);
    assertThat(https.host()).isEqualTo("proxy.corp");
    assertThat(https.username()).isEqualTo("bob");
    assertThat(https.password().value()).isEqualTo("s@cret");
    assertThat(https.url()).isEqualTo("https://proxy.corp:443");
    assertThat(https.basicAuthorization()).hasValue("Basic Ym9iOnNAY3JldA==");
    assertThat(https.toString()).doesNotContain("cret");
  }

  @Test
  void parse_acceptsIpv6Literal() {
    ProxyEndpoint endpoint = ProxyEndpoint.parse("http://[fd00::1]:3128", "HTTPS_PROXY");

    assertThat(endpoint.host()).isEqualTo("fd00::1");
    assertThat(endpoint.port()).isEqualTo(3128);
    assertThat(endpoint.url()).isEqualTo("http://[fd00::1]:3128");
  }
}
