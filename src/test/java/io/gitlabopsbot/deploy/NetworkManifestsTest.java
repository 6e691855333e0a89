package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.MANIFESTS;
import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Service and the NetworkPolicy open only what the bot needs. */
class NetworkManifestsTest {

  private static List<String> ports(Iterable<JsonNode> rules) {
    List<String> ports = new ArrayList<>();
    for (JsonNode rule : rules) {
      for (JsonNode port : rule.path("ports")) {
        ports.add(port.path("protocol").asText("TCP") + "/" + port.path("port").asText());
      }
    }
    return ports;
  }

  /** The peers' app names of the ingress rule for {@code port}. */
  private static List<String> peersOf(JsonNode spec, int port) {
    List<String> peers = new ArrayList<>();
    for (JsonNode rule : spec.path("ingress")) {
      if (ports(List.of(rule)).contains("TCP/" + port)) {
        rule.path("from")
            .forEach(
                peer ->
                    peers.add(
                        peer.path("podSelector")
                            .path("matchLabels")
                            .path("app.kubernetes.io/name")
                            .asText()));
      }
    }
    return peers;
  }

  @Test
  void service_isClusterIpOnTheHttpPort() {
    JsonNode spec = single("service.yaml").path("spec");
    assertThat(spec.path("type").asText()).isEqualTo("ClusterIP");
    assertThat(spec.path("ports")).hasSize(1);
    assertThat(spec.path("ports").get(0).path("port").asInt()).isEqualTo(8080);
    assertThat(spec.path("ports").get(0).path("name").asText()).isEqualTo("http");
    assertThat(spec.path("selector"))
        .isEqualTo(single("deployment.yaml").path("spec").path("selector").path("matchLabels"));
  }

  @Test
  void networkPolicy_admitsOnlyTheTwoListenersFromNamedPeers() {
    JsonNode spec = single("networkpolicy.yaml").path("spec");
    assertThat(spec.path("policyTypes").toString()).contains("Ingress", "Egress");
    assertThat(ports(spec.path("ingress"))).containsOnly("TCP/8080", "TCP/9090");
    // A rule without "from" would admit every source.
    spec.path("ingress").forEach(rule -> assertThat(rule.path("from")).isNotEmpty());
  }

  @Test
  void networkPolicy_letsOnlyPrometheusReachTheManagementPort() {
    JsonNode spec = single("networkpolicy.yaml").path("spec");
    assertThat(peersOf(spec, 9090)).containsExactly("prometheus");
    assertThat(peersOf(spec, 8080))
        .containsExactlyInAnyOrder("ingress-nginx", "alertmanager")
        .doesNotContain("prometheus");
  }

  @Test
  void service_neverExposesTheManagementPort() {
    JsonNode ports = single("service.yaml").path("spec").path("ports");
    ports.forEach(
        port -> {
          assertThat(port.path("port").asInt()).isNotEqualTo(9090);
          assertThat(port.path("targetPort").asText()).isNotEqualTo("management");
        });
  }

  @Test
  void serviceMonitor_scrapesMetricsOnTheManagementPortOfItsOwnService() {
    List<JsonNode> docs =
        ManifestsTest.readDocuments(MANIFESTS.resolve("optional/servicemonitor.yaml"));
    JsonNode service =
        docs.stream()
            .filter(d -> "Service".equals(d.path("kind").asText()))
            .findFirst()
            .orElseThrow();
    JsonNode monitor =
        docs.stream()
            .filter(d -> "ServiceMonitor".equals(d.path("kind").asText()))
            .findFirst()
            .orElseThrow();
    JsonNode servicePort = service.path("spec").path("ports").get(0);
    assertThat(service.path("spec").path("ports")).hasSize(1);
    assertThat(servicePort.path("port").asInt()).isEqualTo(9090);
    assertThat(servicePort.path("targetPort").asText()).isEqualTo("management");
    JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
    assertThat(endpoint.path("port").asText()).isEqualTo(servicePort.path("name").asText());
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    // The monitor selects the metrics Service, not the public one.
    JsonNode selector = monitor.path("spec").path("selector").path("matchLabels");
    selector
        .fields()
        .forEachRemaining(
            label ->
                assertThat(service.path("metadata").path("labels").path(label.getKey()).asText())
                    .isEqualTo(label.getValue().asText()));
    assertThat(
            single("service.yaml")
                .path("metadata")
                .path("labels")
                .path("app.kubernetes.io/component")
                .isMissingNode())
        .isTrue();
  }

  @Test
  void networkPolicy_letsOutDnsHttpsAndTheKubernetesApiOnly() {
    JsonNode spec = single("networkpolicy.yaml").path("spec");
    assertThat(ports(spec.path("egress")))
        .containsExactlyInAnyOrder("UDP/53", "TCP/53", "TCP/443", "TCP/6443");
    assertThat(spec.path("podSelector").path("matchLabels"))
        .isEqualTo(single("deployment.yaml").path("spec").path("selector").path("matchLabels"));
  }
}
