package io.gitlabopsbot.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.slack.api.SlackConfig;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.config.Secret;
import io.gitlabopsbot.config.SlackSettings;
import io.gitlabopsbot.net.ForwardProxyServers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackClientsTest {

  private static final String POSTED = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.000001\"}";

  @RegisterExtension final ForwardProxyServers servers = new ForwardProxyServers();
  private final WireMockServer proxy = servers.proxy();
  private final WireMockServer direct = servers.direct();

  @Test
  void methods_whenProxyConfigured_sendsTheCallThroughTheProxy() throws Exception {
    proxy.stubFor(
        post("/api/chat.postMessage")
            .withHost(equalTo("slack.invalid"))
            .willReturn(okJson(POSTED)));
    SlackClients clients =
        new SlackClients(settings("http://slack.invalid/api/"), viaProxy(List.of()));

    ChatPostMessageResponse response =
        clients.methods(new Secret("xoxb-test")).chatPostMessage(r -> r.channel("C1").text("hi"));

    assertThat(response.isOk()).isTrue();
    proxy.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
  }

  @Test
  void methods_whenProxyNeedsCredentials_answersTheChallengeFromTheUrl() throws Exception {
    proxy.stubFor(
        post("/api/chat.postMessage")
            .atPriority(1)
            .withHost(equalTo("slack.invalid"))
            .withHeader("Proxy-Authorization", equalTo("Basic Ym90OnMzY3JldA=="))
            .willReturn(okJson(POSTED)));
    proxy.stubFor(
        post("/api/chat.postMessage")
            .atPriority(5)
            .withHost(equalTo("slack.invalid"))
            .willReturn(
                aResponse()
                    .withStatus(407)
                    .withHeader("Proxy-Authenticate", "Basic realm=\"corp\"")));
    ProxySettings withCredentials =
        new ProxySettings("http://bot:s3cret@localhost:" + proxy.port(), List.of());
    SlackClients clients = new SlackClients(settings("http://slack.invalid/api/"), withCredentials);

    ChatPostMessageResponse response =
        clients.methods(new Secret("xoxb-test")).chatPostMessage(r -> r.channel("C1").text("hi"));

    assertThat(response.isOk()).isTrue();
    proxy.verify(
        1,
        postRequestedFor(urlEqualTo("/api/chat.postMessage"))
            .withHeader("Proxy-Authorization", absent()));
    proxy.verify(
        1,
        postRequestedFor(urlEqualTo("/api/chat.postMessage"))
            .withHeader("Proxy-Authorization", equalTo("Basic Ym90OnMzY3JldA==")));
  }

  @Test
  void methods_whenApiHostInNoProxy_goesDirect() throws Exception {
    direct.stubFor(post("/api/chat.postMessage").willReturn(okJson(POSTED)));
    SlackClients clients =
        new SlackClients(settings(direct.baseUrl() + "/api/"), viaProxy(List.of("localhost")));

    ChatPostMessageResponse response =
        clients.methods(new Secret("xoxb-test")).chatPostMessage(r -> r.channel("C1").text("hi"));

    assertThat(response.isOk()).isTrue();
    direct.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    assertThat(proxy.getAllServeEvents()).isEmpty();
  }

  @Test
  void config_appendsSlashDropsLoggingListenersAndUsesOurProxy() {
    SlackConfig config =
        SlackClients.config(settings("https://slack.example/api"), viaProxy(List.of()));

    assertThat(config.getMethodsEndpointUrlPrefix()).isEqualTo("https://slack.example/api/");
    assertThat(config.getHttpClientResponseHandlers()).isEmpty();
    assertThat(config.isPrettyResponseLoggingEnabled()).isFalse();
    assertThat(config.getProxyUrl()).isEqualTo("http://localhost:" + proxy.port());
    assertThat(SlackClients.config(settings(null), viaProxy(List.of("slack.com"))).getProxyUrl())
        .isNull();
  }

  @Test
  void config_whenBaseUrlNotHttp_isRejectedWithExample() {
    assertThatThrownBy(() -> SlackClients.config(settings("ftp://x/api/"), ProxySettings.none()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://slack.com/api/");
  }

  private ProxySettings viaProxy(List<String> noProxy) {
    return new ProxySettings("http://localhost:" + proxy.port(), noProxy);
  }

  private static SlackSettings settings(String apiBaseUrl) {
    return new SlackSettings(
        SlackSettings.Mode.SOCKET, apiBaseUrl, "/gitlab", null, null, null, null);
  }
}
