package io.gitlabopsbot.kubernetes;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.WorkloadFixtures.deployment;
import static io.gitlabopsbot.kubernetes.WorkloadFixtures.pod;
import static io.gitlabopsbot.kubernetes.WorkloadFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class Fabric8WorkloadsTest {

  private static final EqualitySelector WEBSERVICE =
      EqualitySelector.parse("app=webservice,release=gitlab");
  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/gitlab/deployments";

  KubernetesMockServer server;
  KubernetesClient client;

  private KubernetesClient noRetry;

  @BeforeEach
  void noRetryClient() {
    noRetry = ToolboxFixtures.noRetry(client);
  }

  @AfterEach
  void close() {
    noRetry.close();
  }

  private Fabric8Workloads workloads() {
    return new Fabric8Workloads(noRetry);
  }

  private void create(Deployment deployment, DeploymentStatus status) {
    deployment.setStatus(status);
    client.apps().deployments().inNamespace(NS).resource(deployment).create();
  }

  @Test
  void deployments_mapsReplicaCountsAndRolloutState() {
    create(deployment("a-done", "webservice", "gitlab", 2), status(1L, 2, 2, 2));
    create(deployment("b-default-replicas", "webservice", "gitlab", null), status(1L, 1, 1, 1));
    create(deployment("c-old-pods-left", "webservice", "gitlab", 2), status(1L, 3, 2, 2));
    create(deployment("d-not-observed", "webservice", "gitlab", 2), status(0L, 2, 2, 2));
    create(deployment("e-no-status", "webservice", "gitlab", 2), null);
    create(deployment("f-scaled-to-zero", "webservice", "gitlab", 0), status(1L, null, null, null));
    create(deployment("g-other-release", "webservice", "staging", 2), status(1L, 2, 2, 2));

    List<DeploymentState> states = workloads().deployments(NS, WEBSERVICE);

    assertThat(states)
        .extracting(
            DeploymentState::name,
            DeploymentState::desired,
            DeploymentState::ready,
            DeploymentState::updated,
            DeploymentState::rolledOut)
        .containsExactly(
            tuple("a-done", 2, 2, 2, true),
            tuple("b-default-replicas", 1, 1, 1, true),
            tuple("c-old-pods-left", 2, 2, 2, false),
            tuple("d-not-observed", 2, 2, 2, false),
            tuple("e-no-status", 2, 0, 0, false),
            tuple("f-scaled-to-zero", 0, 0, 0, true));
    assertThat(states.get(0).labels()).containsEntry("release", "gitlab");
  }

  @Test
  void deployments_whenForbidden_throwsForbiddenNamingTheCall() {
    server
        .expect()
        .get()
        .withPath(DEPLOYMENTS + "?labelSelector=app%3Dwebservice%2Crelease%3Dgitlab")
        .andReturn(403, "{}")
        .always();

    assertThatThrownBy(() -> workloads().deployments(NS, WEBSERVICE))
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("list Deployments in namespace gitlab")
        .hasMessageContaining("HTTP 403");
  }

  @Test
  void scale_writesTheScaleSubresourceOnly() throws Exception {
    String path = DEPLOYMENTS + "/gitlab-webservice-default/scale";
    Scale current =
        new ScaleBuilder()
            .withNewMetadata()
            .withName("gitlab-webservice-default")
            .withNamespace(NS)
            .withResourceVersion("41")
            .endMetadata()
            .withNewSpec()
            .withReplicas(3)
            .endSpec()
            .build();
    server.expect().get().withPath(path).andReturn(200, current).once();
    server.expect().put().withPath(path).andReturn(200, current).once();
    int before = server.getRequestCount();

    workloads().scale(NS, "gitlab-webservice-default", 0);

    List<RecordedRequest> requests = new ArrayList<>();
    for (int i = before; i < server.getRequestCount(); i++) {
      requests.add(server.takeRequest(5, TimeUnit.SECONDS));
    }
    assertThat(requests)
        .extracting(r -> r.getMethod() + " " + r.getPath())
        .containsExactly("GET " + path, "PUT " + path);
    Scale sent = Serialization.unmarshal(requests.get(1).getUtf8Body(), Scale.class);
    assertThat(sent.getSpec().getReplicas()).isZero();
    assertThat(sent.getMetadata().getResourceVersion()).isNull();
  }

  @Test
  void scale_whenDeploymentMissing_throwsNotFoundSayingWhatToCheck() {
    server.expect().get().withPath(DEPLOYMENTS + "/nope/scale").andReturn(404, "{}").always();

    assertThatThrownBy(() -> workloads().scale(NS, "nope", 1))
        .isInstanceOf(ClusterException.NotFound.class)
        .hasMessageContaining("Deployment gitlab/nope does not exist")
        .hasMessageContaining("release name");
  }

  @Test
  void scale_whenForbidden_throwsForbidden() {
    server.expect().get().withPath(DEPLOYMENTS + "/w/scale").andReturn(403, "{}").always();

    assertThatThrownBy(() -> workloads().scale(NS, "w", 1))
        .isInstanceOf(ClusterException.Forbidden.class)
        .hasMessageContaining("read the scale of Deployment gitlab/w");
  }

  @Test
  void deletePods_deletesOnlyTheReleasesPods() {
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("w-1", "webservice", "gitlab", "Running", true))
        .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("w-2", "webservice", "gitlab", "Pending", false))
        .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("s-1", "webservice", "staging", "Running", true))
        .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("t-1", "toolbox", "gitlab", "Running", true))
        .create();

    List<String> deleted = workloads().deletePods(NS, WEBSERVICE);

    assertThat(deleted).containsExactly("w-1", "w-2");
    assertThat(client.pods().inNamespace(NS).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder("s-1", "t-1");
  }

  @Test
  void deletePods_whenApiIgnoresTheSelector_stillSparesOtherReleases() {
    var other = pod("s-1", "webservice", "staging", "Running", true);
    client.pods().inNamespace(NS).resource(other).create();
    // A fake or proxy answering the selector query with every pod of the namespace.
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/gitlab/pods?labelSelector=app%3Dwebservice%2Crelease%3Dgitlab")
        .andReturn(200, new PodListBuilder().withItems(other).build())
        .always();

    assertThat(workloads().deletePods(NS, WEBSERVICE)).isEmpty();
    assertThat(client.pods().inNamespace(NS).withName("s-1").get()).isNotNull();
  }

  @Test
  void deletePods_whenSelectorLacksRelease_isRefusedBeforeAnyCall() {
    int before = server.getRequestCount();

    assertThatThrownBy(() -> workloads().deletePods(NS, EqualitySelector.parse("app=webservice")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must name the release");
    assertThat(server.getRequestCount()).isEqualTo(before);
  }

  @Test
  void deletePods_skipsPodsAlreadyTerminating() {
    terminatingPod("w-old");
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("w-new", "webservice", "gitlab", "Running", true))
        .create();

    assertThat(workloads().deletePods(NS, WEBSERVICE)).containsExactly("w-new");
  }

  @Test
  void pods_readsReadinessPhaseTerminationAndAge() {
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("w-1", "webservice", "gitlab", "Running", true))
        .create();
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("w-2", "webservice", "gitlab", "Pending", false))
        .create();
    terminatingPod("w-3");
    client
        .pods()
        .inNamespace(NS)
        .resource(pod("s-1", "webservice", "staging", "Running", true))
        .create();

    List<PodState> pods = workloads().pods(NS, WEBSERVICE);

    assertThat(pods)
        .extracting(PodState::name, PodState::phase, PodState::ready, PodState::terminating)
        .containsExactly(
            tuple("w-1", "Running", true, false),
            tuple("w-2", "Pending", false, false),
            tuple("w-3", "Running", true, true));
    assertThat(pods).allSatisfy(p -> assertThat(p.created()).isNotNull());
  }

  /** A pod held by a finalizer after deletion, as the kubelet holds one while it shuts down. */
  private void terminatingPod(String name) {
    var pod = pod(name, "webservice", "gitlab", "Running", true);
    pod.getMetadata().setFinalizers(List.of("example.com/hold"));
    client.pods().inNamespace(NS).resource(pod).create();
    client.pods().inNamespace(NS).withName(name).delete();
  }
}
