package io.gitlabopsbot.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSkewTest {

  private static final MinorVersion CONTROL_PLANE = new MinorVersion(1, 31);

  private static NodeVersions.NodeVersion node(String name, String kubelet) {
    return new NodeVersions.NodeVersion(name, kubelet);
  }

  @Test
  void of_whenKubeletNewerOrFourBehind_countsThemOutOfPolicy() {
    VersionSkew skew =
        VersionSkew.of(
            CONTROL_PLANE,
            List.of(
                node("a", "v1.32.0-eks-1"),
                node("b", "v1.27.16-eks-2"),
                node("c", "v1.31.4-eks-3")));

    assertThat(skew.outOfPolicy()).isEqualTo(2);
    assertThat(skew.blockingNextUpgrade()).isEqualTo(1);
  }

  @Test
  void of_whenAllWithinTwoMinors_nothingBlocksTheNextUpgrade() {
    VersionSkew skew =
        VersionSkew.of(CONTROL_PLANE, List.of(node("a", "v1.29.1"), node("b", "v1.31.0")));

    assertThat(skew.outOfPolicy()).isZero();
    assertThat(skew.blockingNextUpgrade()).isZero();
  }

  @Test
  void of_whenKubeletVersionMissing_listsTheNodeAsUnreadable() {
    VersionSkew skew = VersionSkew.of(CONTROL_PLANE, List.of(node("a", ""), node("b", "v1.31.0")));

    assertThat(skew.unreadable()).containsExactly("a");
    assertThat(skew.byVersion()).containsOnlyKeys(CONTROL_PLANE);
  }

  @Test
  void parse_readsEksKubeletVersionsAndRejectsGarbage() {
    assertThat(MinorVersion.parse("v1.31.4-eks-1a2b3c4")).contains(new MinorVersion(1, 31));
    assertThat(MinorVersion.parse("1.32")).contains(new MinorVersion(1, 32));
    assertThat(MinorVersion.parse("latest")).isEmpty();
  }
}
