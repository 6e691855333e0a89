package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemovedApisTest {

  private final RemovedApis table = RemovedApis.bundled();

  @Test
  void bundled_listsHpaV2beta2_removedIn126_withReplacement() {
    assertThat(table.find("autoscaling/v2beta2", "HorizontalPodAutoscaler"))
        .contains(
            new RemovedApis.Removal(
                "autoscaling/v2beta2",
                "HorizontalPodAutoscaler",
                new MinorVersion(1, 26),
                "autoscaling/v2"));
  }

  @Test
  void bundled_coversTheGuideFrom116To132() {
    assertThat(table.find("extensions/v1beta1", "Deployment").orElseThrow().removedIn())
        .isEqualTo(new MinorVersion(1, 16));
    assertThat(table.find("networking.k8s.io/v1beta1", "Ingress").orElseThrow().removedIn())
        .isEqualTo(new MinorVersion(1, 22));
    assertThat(table.find("policy/v1beta1", "PodSecurityPolicy").orElseThrow().removedIn())
        .isEqualTo(new MinorVersion(1, 25));
    assertThat(table.find("storage.k8s.io/v1beta1", "CSIStorageCapacity").orElseThrow().removedIn())
        .isEqualTo(new MinorVersion(1, 27));
    assertThat(
            table
                .find("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema")
                .orElseThrow()
                .removedIn())
        .isEqualTo(new MinorVersion(1, 32));
    assertThat(table.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void find_whenApiStillServed_isEmpty() {
    assertThat(table.find("apps/v1", "Deployment")).isEmpty();
    // The same group/version can be removed for one kind only.
    assertThat(table.find("policy/v1beta1", "Eviction")).isEmpty();
  }

  @Test
  void bundled_everyEntryNamesAReplacement() {
    assertThat(table.removals()).hasSizeGreaterThan(40);
    assertThat(table.removals()).allSatisfy(r -> assertThat(r.use()).isNotBlank());
  }
}
