package io.gitlabopsbot.kubernetes;

import static io.gitlabopsbot.kubernetes.ToolboxFixtures.NS;
import static io.gitlabopsbot.kubernetes.WorkloadFixtures.CNG;
import static io.gitlabopsbot.kubernetes.WorkloadFixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

/** {@link Fabric8Workloads#gitlabVersion}: which Deployments and images count. */
@EnableKubernetesMockClient(crud = true)
class Fabric8WorkloadsVersionTest {

  private static final String WEBSERVICE = CNG + "gitlab-webservice-ee:v17.5.2";
  private static final String WORKHORSE = CNG + "gitlab-workhorse-ee:v17.5.2";
  private static final String ISTIO = "docker.io/istio/proxyv2:1.20.1";

  KubernetesMockServer server;
  KubernetesClient client;

  private void create(Deployment deployment) {
    client.apps().deployments().inNamespace(NS).resource(deployment).create();
  }

  private String version() {
    return new Fabric8Workloads(client).gitlabVersion(NS, "gitlab").orElse(null);
  }

  @Test
  void gitlabVersion_readsWebserviceAndWorkhorseIgnoringSidecars() {
    create(
        deployment(
            "gitlab-webservice-default", "webservice", "gitlab", 2, WEBSERVICE, WORKHORSE, ISTIO));
    create(deployment("gitlab-toolbox", "toolbox", "gitlab", 1, CNG + "gitlab-toolbox-ee:v17.4.0"));

    assertThat(version()).isEqualTo("17.5.2");
  }

  @Test
  void gitlabVersion_whenNoWebservice_fallsBackToToolboxThenTaskRunner() {
    create(
        deployment(
            "gitlab-task-runner",
            "task-runner",
            "gitlab",
            1,
            CNG + "gitlab-task-runner-ee:v13.12.4"));
    assertThat(version()).isEqualTo("13.12.4");

    create(
        deployment("gitlab-toolbox", "toolbox", "gitlab", 1, CNG + "gitlab-toolbox-ee:v17.5.2-ee"));
    assertThat(version()).isEqualTo("17.5.2");
  }

  @Test
  void gitlabVersion_whenWebserviceIsDigestPinned_fallsBackToToolbox() {
    create(
        deployment(
            "gitlab-webservice-default",
            "webservice",
            "gitlab",
            2,
            CNG + "gitlab-webservice-ee@sha256:0a1b"));
    create(deployment("gitlab-toolbox", "toolbox", "gitlab", 1, CNG + "gitlab-toolbox-ee:v17.5.2"));

    assertThat(version()).isEqualTo("17.5.2");
  }

  @Test
  void gitlabVersion_whenWebservicesDisagree_isUnknownEvenIfToolboxIsClear() {
    create(
        deployment("gitlab-webservice-default", "webservice", "gitlab", 2, WEBSERVICE, WORKHORSE));
    create(
        deployment(
            "gitlab-webservice-api",
            "webservice",
            "gitlab",
            2,
            CNG + "gitlab-webservice-ee:v17.6.0",
            WORKHORSE));
    create(deployment("gitlab-toolbox", "toolbox", "gitlab", 1, CNG + "gitlab-toolbox-ee:v17.5.2"));

    assertThat(version()).isNull();
  }

  @Test
  void gitlabVersion_whenWorkhorsePinnedDifferently_isUnknown() {
    create(
        deployment(
            "gitlab-webservice-default",
            "webservice",
            "gitlab",
            2,
            WEBSERVICE,
            CNG + "gitlab-workhorse-ee:v17.4.1"));

    assertThat(version()).isNull();
  }

  @Test
  void gitlabVersion_ignoresOtherReleases() {
    create(
        deployment(
            "staging-webservice-default",
            "webservice",
            "staging",
            2,
            CNG + "gitlab-webservice-ee:v18.0.0"));

    assertThat(version()).isNull();

    create(deployment("gitlab-webservice-default", "webservice", "gitlab", 2, WEBSERVICE));
    assertThat(version()).isEqualTo("17.5.2");
  }

  @Test
  void gitlabVersion_whenForbidden_throwsForbidden() {
    server
        .expect()
        .get()
        .withPath(
            "/apis/apps/v1/namespaces/gitlab/deployments?labelSelector=app%3Dwebservice%2Crelease%3Dgitlab")
        .andReturn(403, "{}")
        .always();

    try (KubernetesClient noRetry = ToolboxFixtures.noRetry(client)) {
      assertThatThrownBy(() -> new Fabric8Workloads(noRetry).gitlabVersion(NS, "gitlab"))
          .isInstanceOf(ClusterException.Forbidden.class);
    }
  }
}
