package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Service and the NetworkPolicy open only what the bot needs. */
class NetworkManifestsTest {

  private static List<String> ports(JsonNode rules) {
    List<String> ports = new ArrayList<>();
    for (JsonNode rule : rules) {
      for (JsonNode port : rule.path("ports")) {
        ports.add(port.path("protocol").asText("TCP") + "/" + port.path("port").asText());
      }
    }
    return ports;
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
  void networkPolicy_admitsOnlyTheHttpPortFromNamedPeers() {
    JsonNode spec = single("networkpolicy.yaml").path("spec");
    assertThat(spec.path("policyTypes").toString()).contains("Ingress", "Egress");
    assertThat(ports(spec.path("ingress"))).containsOnly("TCP/8080");
    // A rule without "from" would admit every source.
    spec.path("ingress").forEach(rule -> assertThat(rule.path("from")).isNotEmpty());
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
