package io.gitlabopsbot.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class KubernetesCallsTest {

  private static KubernetesClientException http409(String reason) {
    return new KubernetesClientException(
        new StatusBuilder().withCode(409).withReason(reason).withMessage("m").build());
  }

  @Test
  void call_when409AlreadyExists_isAlreadyExists() {
    assertThatThrownBy(
            () ->
                KubernetesCalls.call(
                    "create Job gitlab/j",
                    () -> {
                      throw http409("AlreadyExists");
                    }))
        .isExactlyInstanceOf(ClusterException.AlreadyExists.class)
        .hasMessageContaining("create Job gitlab/j");
  }

  @Test
  void call_when409Conflict_isConflict() {
    assertThatThrownBy(
            () ->
                KubernetesCalls.call(
                    "update x",
                    () -> {
                      throw http409("Conflict");
                    }))
        .isExactlyInstanceOf(ClusterException.Conflict.class)
        .hasMessageContaining("changed since it was read");
  }

  @Test
  void update_whenAny409_isConflict() {
    assertThatThrownBy(
            () ->
                KubernetesCalls.update(
                    "replace Secret gitlab/s",
                    () -> {
                      throw http409(null);
                    }))
        .isExactlyInstanceOf(ClusterException.Conflict.class)
        .hasMessageContaining("replace Secret gitlab/s")
        .hasMessageContaining("nothing was written");
  }
}
