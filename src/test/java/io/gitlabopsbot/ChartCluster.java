package io.gitlabopsbot;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.gitlabopsbot.kubernetes.WorkloadFixtures;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A GitLab chart release on the Kubernetes mock server, its controllers played by {@link
 * InstantControllers}: webservice, sidekiq and toolbox at one Ready replica each, images of GitLab
 * 17.5.2, and the chart's rails secret. {@link #pointBotHere()} makes the bot's own client (built
 * by {@code Core.kubernetes()} from the system properties fabric8 reads) talk to it.
 */
final class ChartCluster implements AutoCloseable {

  static final String NAMESPACE = "gitlab";
  static final String RELEASE = "gitlab";
  static final String RAILS_SECRET = "gitlab-rails-secret";
  static final List<String> APPS = List.of("webservice", "sidekiq", "toolbox");

  private static final Map<String, String> BOT_CLIENT =
      Map.of(
          Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false",
          Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false",
          Config.KUBERNETES_NAMESPACE_SYSTEM_PROPERTY, NAMESPACE,
          Config.KUBERNETES_HTTP2_DISABLE, "true");

  private final KubernetesMockServer server;
  final InstantControllers controllers;
  final KubernetesClient client;

  ChartCluster() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    controllers = new InstantControllers(new KubernetesMixedDispatcher(responses));
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            controllers,
            false);
    server.init();
    client = server.createClient();
    for (String app : APPS) {
      client
          .apps()
          .deployments()
          .inNamespace(NAMESPACE)
          .resource(
              WorkloadFixtures.deployment(
                  "gitlab-" + app,
                  app,
                  RELEASE,
                  1,
                  WorkloadFixtures.CNG + "gitlab-" + app + "-ee:v17.5.2"))
          .create();
    }
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(RAILS_SECRET)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(Map.of("secrets.yml", base64("production:\n  secret_key_base: chart\n")))
                .build())
        .create();
  }

  /** Sets the system properties the bot's Kubernetes client is configured from. */
  void pointBotHere() {
    System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, server.url("/"));
    BOT_CLIENT.forEach(System::setProperty);
  }

  /** The rails secret's {@code secrets.yml}, decoded. */
  String secretsYml() {
    String data =
        client
            .secrets()
            .inNamespace(NAMESPACE)
            .withName(RAILS_SECRET)
            .get()
            .getData()
            .get("secrets.yml");
    return new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
    BOT_CLIENT.keySet().forEach(System::clearProperty);
    client.close();
    server.destroy();
  }
}
