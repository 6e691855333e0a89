package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.readDocuments;
import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Deployment runs hardened, is probed on the bot's endpoints, and takes secrets by reference.
 */
class DeploymentManifestTest {

  private static final Set<String> SECRET_ENV =
      Set.of(
          "SLACK_BOT_TOKEN",
          "SLACK_APP_TOKEN",
          "SLACK_SIGNING_SECRET",
          "GITLAB_OPS_BOT_DB_PASSWORD",
          "ALERTMANAGER_WEBHOOK_TOKEN");

  /** What is wrong with a Deployment of the bot; empty when it is acceptable. */
  static List<String> deploymentProblems(JsonNode deployment) {
    List<String> problems = new ArrayList<>();
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    JsonNode podSecurity = pod.path("securityContext");
    require(problems, podSecurity.path("runAsNonRoot").asBoolean(false), "pod runAsNonRoot");
    require(problems, podSecurity.path("runAsUser").asInt(0) == 10001, "pod runAsUser 10001");
    require(problems, podSecurity.path("fsGroup").asInt(0) > 0, "pod fsGroup");
    require(
        problems,
        "RuntimeDefault".equals(podSecurity.path("seccompProfile").path("type").asText()),
        "seccompProfile RuntimeDefault");
    require(problems, pod.path("containers").size() == 1, "exactly one container");
    for (JsonNode container : pod.path("containers")) {
      JsonNode security = container.path("securityContext");
      require(problems, security.path("readOnlyRootFilesystem").asBoolean(false), "readOnlyRootFs");
      require(
          problems,
          security.has("allowPrivilegeEscalation")
              && !security.path("allowPrivilegeEscalation").asBoolean(true),
          "allowPrivilegeEscalation false");
      require(
          problems,
          texts(security.path("capabilities").path("drop")).contains("ALL"),
          "capabilities drop ALL");
      require(problems, probesPath(container, "livenessProbe", "/healthz"), "liveness /healthz");
      require(problems, probesPath(container, "startupProbe", "/healthz"), "startup /healthz");
      require(problems, probesPath(container, "readinessProbe", "/readyz"), "readiness /readyz");
      for (String bound : List.of("requests", "limits")) {
        JsonNode resources = container.path("resources").path(bound);
        require(
            problems,
            resources.hasNonNull("cpu") && resources.hasNonNull("memory"),
            "resources " + bound + " cpu and memory");
      }
      for (JsonNode env : container.path("env")) {
        String name = env.path("name").asText();
        boolean fromSecret = env.path("valueFrom").has("secretKeyRef");
        if (SECRET_ENV.contains(name) && (!fromSecret || env.has("value"))) {
          problems.add("env " + name + " must come from a secretKeyRef");
        }
      }
    }
    return problems;
  }

  private static void require(List<String> problems, boolean ok, String what) {
    if (!ok) {
      problems.add("missing: " + what);
    }
  }

  /**
   * True when the probe is an HTTP GET on this path and on the management port 9090 (probes are not
   * served on the public port 8080).
   */
  private static boolean probesPath(JsonNode container, String probe, String path) {
    JsonNode get = container.path(probe).path("httpGet");
    JsonNode port = get.path("port");
    boolean onManagement = port.asInt() == 9090;
    for (JsonNode declared : container.path("ports")) {
      if (port.isTextual() && port.asText().equals(declared.path("name").asText())) {
        onManagement = declared.path("containerPort").asInt() == 9090;
      }
    }
    return path.equals(get.path("path").asText()) && onManagement;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> result = new TreeSet<>();
    array.forEach(v -> result.add(v.asText()));
    return result;
  }

  private static JsonNode container(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec").path("containers").get(0);
  }

  @Test
  void deployment_isHardenedAndProbed() {
    assertThat(deploymentProblems(single("deployment.yaml"))).isEmpty();
  }

  @Test
  void deployment_declaresThePublicAndTheManagementPort() {
    List<String> ports = new ArrayList<>();
    container(single("deployment.yaml"))
        .path("ports")
        .forEach(p -> ports.add(p.path("name").asText() + "=" + p.path("containerPort").asInt()));
    assertThat(ports).containsExactly("http=8080", "management=9090");
    JsonNode annotations =
        single("deployment.yaml")
            .path("spec")
            .path("template")
            .path("metadata")
            .path("annotations");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("9090");
  }

  @Test
  void deploymentProblems_whenAProbeUsesThePublicPort_reportsIt() {
    JsonNode bad = single("deployment.yaml").deepCopy();
    ((ObjectNode) container(bad).path("livenessProbe").path("httpGet")).put("port", "http");
    assertThat(deploymentProblems(bad)).containsExactly("missing: liveness /healthz");
  }

  @Test
  void deploymentProblems_whenHardeningIsRemoved_reportsEachGap() {
    JsonNode bad = single("deployment.yaml").deepCopy();
    ObjectNode security = (ObjectNode) container(bad).path("securityContext");
    security.remove("readOnlyRootFilesystem");
    security.put("allowPrivilegeEscalation", true);
    ((ObjectNode) container(bad).path("readinessProbe").path("httpGet")).put("path", "/healthz");
    ((ObjectNode) container(bad).path("resources")).remove("limits");
    assertThat(deploymentProblems(bad))
        .containsExactlyInAnyOrder(
            "missing: readOnlyRootFs",
            "missing: allowPrivilegeEscalation false",
            "missing: readiness /readyz",
            "missing: resources limits cpu and memory");
  }

  @Test
  void deploymentProblems_whenATokenIsALiteral_reportsIt() {
    JsonNode bad = single("deployment.yaml").deepCopy();
    JsonNode literal = readDocuments("{name: SLACK_APP_TOKEN, value: REPLACE_ME}").get(0);
    ((ArrayNode) container(bad).path("env")).add(literal);
    assertThat(deploymentProblems(bad))
        .containsExactly("env SLACK_APP_TOKEN must come from a secretKeyRef");
  }

  @Test
  void deployment_readsEverySecretFromTheBotSecret_andOnlyTheBotTokenIsRequired() {
    List<String> required = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (JsonNode env : container(single("deployment.yaml")).path("env")) {
      JsonNode ref = env.path("valueFrom").path("secretKeyRef");
      if (!ref.isMissingNode()) {
        assertThat(ref.path("name").asText()).isEqualTo("gitlab-ops-bot");
        assertThat(ref.path("key").asText()).isEqualTo(env.path("name").asText());
        names.add(env.path("name").asText());
        if (!ref.path("optional").asBoolean(false)) {
          required.add(env.path("name").asText());
        }
      }
    }
    assertThat(names).isEqualTo(SECRET_ENV);
    assertThat(required).containsExactly("SLACK_BOT_TOKEN");
  }

  @Test
  void deployment_runsOneReplicaWithWritableDataAndTmpOnly() {
    JsonNode deployment = single("deployment.yaml");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(1);
    assertThat(deployment.path("spec").path("strategy").path("type").asText())
        .isEqualTo("Recreate");
    JsonNode pod = deployment.path("spec").path("template").path("spec");
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo("gitlab-ops-bot");
    assertThat(pod.path("automountServiceAccountToken").asBoolean()).isTrue();
    List<String> args = new ArrayList<>();
    container(deployment).path("args").forEach(a -> args.add(a.asText()));
    assertThat(args).containsExactly("serve", "--config", "/etc/gitlab-ops-bot/config.yaml");

    List<String> writable = new ArrayList<>();
    for (JsonNode mount : container(deployment).path("volumeMounts")) {
      if (!mount.path("readOnly").asBoolean(false)) {
        writable.add(mount.path("mountPath").asText());
      }
    }
    assertThat(writable).containsExactlyInAnyOrder("/app/data", "/tmp");
    List<String> volumes = new ArrayList<>();
    pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
    assertThat(volumes).containsExactlyInAnyOrder("config", "data", "tmp");
    assertThat(pod.path("volumes").get(0).path("configMap").path("name").asText())
        .isEqualTo(single("configmap.yaml").path("metadata").path("name").asText());
  }
}
