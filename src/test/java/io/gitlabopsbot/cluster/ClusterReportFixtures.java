package io.gitlabopsbot.cluster;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Shared set-up for the report tests. */
final class ClusterReportFixtures {

  private ClusterReportFixtures() {}

  /** A client for an API server address nothing listens on, with no retries. */
  static KubernetesClient unreachableKubernetes() {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(2000)
                .withRequestTimeout(2000)
                .build())
        .build();
  }
}
