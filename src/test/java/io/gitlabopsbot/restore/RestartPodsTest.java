package io.gitlabopsbot.restore;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.ToolboxFixtures.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.gitlabopsbot.config.RestoreConfig;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.Fabric8Workloads;
import io.gitlabopsbot.kubernetes.ToolboxFixtures;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which pods the restore's "restart pods" phase deletes, against the Kubernetes API (mock): the
 * release's pods that ran through the restore and hold connections and caches from before it — and
 * none started after it, none of another release.
 */
@EnableKubernetesMockClient(crud = true)
class RestartPodsTest {

  KubernetesClient client;

  private static final RestorePlan PLAN =
      new RestorePlan(
          TARGET,
          "1795568403_2026_11_25_17.5.2",
          "gitlab-backups",
          "17.5.2",
          List.of(),
          false,
          List.of("gitlab-webservice-default", "gitlab-sidekiq-all-in-1-v2"),
          List.of(),
          "U0000OPER",
          "corr-1");

  private void pod(String name, String app, String release) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .withLabels(Map.of("app", app, "release", release))
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    client.pods().inNamespace(NS).resource(pod).create();
  }

  private boolean exists(String name) {
    return client.pods().inNamespace(NS).withName(name).get() != null;
  }

  @Test
  void restart_deletesThePodsThatRanThroughTheRestoreAndNothingStartedAfterIt() {
    KubernetesClient noRetry = ToolboxFixtures.noRetry(client);
    ReplicaControl control =
        new ReplicaControl(
            new Fabric8Workloads(noRetry),
            new SideEffects(false, op -> {}),
            RestoreSettings.from(RestoreConfig.defaults(), "awscli"),
            Clock.systemUTC(),
            Sleeper.threadSleep());
    pod("gitlab-webservice-default-old-1", "webservice", "gitlab");
    pod("gitlab-sidekiq-all-in-1-v2-old-1", "sidekiq", "gitlab");
    pod("gitlab-toolbox-abc", "toolbox", "gitlab");
    pod("gitlab-gitlab-exporter-def", "gitlab-exporter", "gitlab");
    pod("gitlab-kas-ghi", "kas", "gitlab");
    pod("gitlab-gitaly-0", "gitaly", "gitlab");
    pod("staging-toolbox-xyz", "toolbox", "staging");

    Set<String> before = control.podsBefore(PLAN);
    // The scale-down stops the old webservice and sidekiq pods; the scale-up starts new ones.
    client.pods().inNamespace(NS).withName("gitlab-webservice-default-old-1").delete();
    client.pods().inNamespace(NS).withName("gitlab-sidekiq-all-in-1-v2-old-1").delete();
    pod("gitlab-webservice-default-new-1", "webservice", "gitlab");
    pod("gitlab-sidekiq-all-in-1-v2-new-1", "sidekiq", "gitlab");

    List<String> deleted = control.restart(PLAN, before);

    assertThat(deleted)
        .containsExactlyInAnyOrder(
            "gitlab-toolbox-abc", "gitlab-gitlab-exporter-def", "gitlab-kas-ghi");
    assertThat(exists("gitlab-toolbox-abc")).isFalse();
    assertThat(exists("gitlab-webservice-default-new-1")).isTrue();
    assertThat(exists("gitlab-sidekiq-all-in-1-v2-new-1")).isTrue();
    assertThat(exists("gitlab-gitaly-0")).as("Gitaly holds no database state").isTrue();
    assertThat(exists("staging-toolbox-xyz")).as("another release").isTrue();
    noRetry.close();
  }
}
