package io.gitlabopsbot.kubernetes;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitlabopsbot.config.ProxySettings;
import io.gitlabopsbot.net.ForwardProxyServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KubernetesClientsTest {

  private static final String PODS = "/api/v1/namespaces/gitlab/pods";
  private static final String POD_LIST =
      "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{},"
          + "\"items\":[{\"metadata\":{\"name\":\"gitlab-toolbox-0\"}}]}";

  @RegisterExtension final ForwardProxyServers servers = new ForwardProxyServers();
  private final WireMockServer proxy = servers.proxy();
  private final WireMockServer direct = servers.direct();

  @Test
  void create_whenProxyConfigured_listsPodsThroughTheProxyWithItsCredentials() {
    proxy.stubFor(
        get(urlPathEqualTo(PODS)).withHost(equalTo("kube.invalid")).willReturn(okJson(POD_LIST)));
    ProxySettings settings =
        new ProxySettings("http://bot:s3cret@localhost:" + proxy.port(), List.of(".svc"));

    try (KubernetesClient client =
        KubernetesClients.create(base("http://kube.invalid"), settings, Duration.ofSeconds(5))) {
      List<Pod> pods = client.pods().inNamespace("gitlab").list().getItems();

      assertThat(pods)
          .extracting(p -> p.getMetadata().getName())
          .containsExactly("gitlab-toolbox-0");
    }
    proxy.verify(
        1,
        getRequestedFor(urlPathEqualTo(PODS))
            .withHeader("Proxy-Authorization", equalTo("Basic Ym90OnMzY3JldA==")));
  }

  @Test
  void create_whenMasterHostInNoProxy_goesDirect() {
    direct.stubFor(get(urlPathEqualTo(PODS)).willReturn(okJson(POD_LIST)));
    ProxySettings settings =
        new ProxySettings("http://localhost:" + proxy.port(), List.of("*.example", "localhost"));

    try (KubernetesClient client =
        KubernetesClients.create(base(direct.baseUrl()), settings, Duration.ofSeconds(5))) {
      assertThat(client.pods().inNamespace("gitlab").list().getItems()).hasSize(1);
    }
    direct.verify(1, getRequestedFor(urlPathEqualTo(PODS)));
    assertThat(proxy.getAllServeEvents()).isEmpty();
  }

  @Test
  void applyProxy_replacesWhatFabric8ReadFromTheEnvironment() {
    Config config = base("https://10.100.0.1:443");
    config.setHttpsProxy("http://env-proxy:1");
    config.setNoProxy(new String[] {"*.weird.entry"});

    KubernetesClients.applyProxy(config, new ProxySettings("http://proxy.corp:3128", List.of()));

    assertThat(config.getHttpsProxy()).isEqualTo("http://proxy.corp:3128");
    assertThat(config.getHttpProxy()).isEqualTo("http://proxy.corp:3128");
    assertThat(config.getNoProxy()).isEmpty();
    assertThat(config.getProxyUsername()).isNull();

    KubernetesClients.applyProxy(
        config, new ProxySettings("http://proxy.corp:3128", List.of("10.0.0.0/8")));

    assertThat(config.getHttpsProxy()).isNull();
    assertThat(config.getHttpProxy()).isNull();
  }

  private static Config base(String masterUrl) {
    Config config = Config.empty();
    config.setMasterUrl(masterUrl);
    config.setNamespace("gitlab");
    return config;
  }
}
