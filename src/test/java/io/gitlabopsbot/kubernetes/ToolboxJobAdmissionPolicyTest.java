package io.gitlabopsbot.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.File;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The ValidatingAdmissionPolicy in {@code manifests/optional/}, its CEL evaluated with cel-java
 * (the language the API server runs) against real Job objects: the bot's own toolbox Job built from
 * the chart's rendered Deployment is admitted; a Job that mounts another Secret, runs as another
 * ServiceAccount or another image, or lacks the bot's labels is refused.
 */
class ToolboxJobAdmissionPolicyTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final String BOT = "system:serviceaccount:gitlab:gitlab-ops-bot";

  private final JsonNode policy = policy();
  private final Deployment toolbox = toolbox();

  private static JsonNode policy() {
    try {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      var parser =
          yaml.getFactory()
              .createParser(new File("manifests/optional/admission-policy-toolbox-jobs.yaml"));
      List<JsonNode> docs = yaml.readValues(parser, JsonNode.class).readAll();
      return docs.stream()
          .filter(d -> d.path("kind").asText().equals("ValidatingAdmissionPolicy"))
          .findFirst()
          .orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Deployment toolbox() {
    try (InputStream in =
        ToolboxJobAdmissionPolicyTest.class.getResourceAsStream(
            "/chart/toolbox-8.11.2-deployment.yaml")) {
      return Serialization.unmarshal(in, Deployment.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The parameters as the manifest's comment says to derive them from the toolbox Deployment. */
  private Map<String, Object> params() {
    var spec = toolbox.getSpec().getTemplate().getSpec();
    TreeSet<String> secrets = new TreeSet<>();
    spec.getVolumes()
        .forEach(
            v -> {
              if (v.getSecret() != null) {
                secrets.add(v.getSecret().getSecretName());
              }
              if (v.getProjected() != null) {
                v.getProjected().getSources().stream()
                    .filter(s -> s.getSecret() != null)
                    .forEach(s -> secrets.add(s.getSecret().getName()));
              }
            });
    return Map.of(
        "data",
        Map.of(
            "botUser",
            BOT,
            "serviceAccount",
            spec.getServiceAccountName(),
            "imagePrefix",
            "registry1.dso.mil/ironbank/gitlab/gitlab/",
            "secrets",
            String.join(",", secrets)));
  }

  private Job botJob(Consumer<Job> change) {
    Job job =
        JobManifests.fromDeployment(
            toolbox,
            new JobRequest(
                "gitlab",
                "gitlab-ops-bot-backup-20261203-010000",
                Map.of("app.kubernetes.io/managed-by", "gitlab-ops-bot"),
                Map.of(),
                List.of("backup-utility", "--s3tool", "awscli"),
                false,
                Duration.ofHours(6),
                Duration.ofDays(7)));
    change.accept(job);
    return job;
  }

  /** The messages of the validations that fail, or empty when the Job is admitted. */
  private List<String> refusals(Job job, String user) throws Exception {
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addLibraries(CelExtensions.strings())
            .addVar("object", SimpleType.DYN)
            .addVar("params", SimpleType.DYN)
            .addVar("request", SimpleType.DYN)
            .addVar("variables", SimpleType.DYN)
            .build();
    CelRuntime runtime =
        CelRuntimeFactory.standardCelRuntimeBuilder().addLibraries(CelExtensions.strings()).build();
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("object", JSON.readValue(Serialization.asJson(job), Map.class));
    input.put("params", params());
    input.put("request", Map.of("userInfo", Map.of("username", user)));
    Map<String, Object> variables = new LinkedHashMap<>();
    input.put("variables", variables);
    for (JsonNode condition : policy.path("spec").path("matchConditions")) {
      var ast = compiler.compile(condition.path("expression").asText()).getAst();
      if (!Boolean.TRUE.equals(runtime.createProgram(ast).eval(input))) {
        return List.of("(policy does not apply)");
      }
    }
    for (JsonNode variable : policy.path("spec").path("variables")) {
      var ast = compiler.compile(variable.path("expression").asText()).getAst();
      variables.put(variable.path("name").asText(), runtime.createProgram(ast).eval(input));
    }
    List<String> refused = new ArrayList<>();
    for (JsonNode validation : policy.path("spec").path("validations")) {
      var ast = compiler.compile(validation.path("expression").asText()).getAst();
      if (!Boolean.TRUE.equals(runtime.createProgram(ast).eval(input))) {
        refused.add(validation.path("message").asText());
      }
    }
    return refused;
  }

  @Test
  void theBotsToolboxJob_isAdmitted() throws Exception {
    assertThat(refusals(botJob(job -> {}), BOT)).isEmpty();
  }

  @Test
  void aJobMountingAnotherSecret_isRefused() throws Exception {
    Job job =
        botJob(
            j ->
                j.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getVolumes()
                    .add(
                        new VolumeBuilder()
                            .withName("root")
                            .withNewSecret()
                            .withSecretName("gitlab-gitlab-initial-root-password")
                            .endSecret()
                            .build()));

    assertThat(refusals(job, BOT))
        .containsExactly(
            "a Job of gitlab-ops-bot may mount only the Secrets the toolbox mounts, and no"
                + " hostPath");
  }

  @Test
  void aJobReadingAnotherSecretThroughEnv_isRefused() throws Exception {
    Job job =
        botJob(
            j ->
                j.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .getEnv()
                    .add(
                        new EnvVarBuilder()
                            .withName("X")
                            .withNewValueFrom()
                            .withNewSecretKeyRef("password", "gitlab-minio-secret", false)
                            .endValueFrom()
                            .build()));

    assertThat(refusals(job, BOT))
        .containsExactly("a Job of gitlab-ops-bot may read only the Secrets the toolbox reads");
  }

  @Test
  void aJobRunningAsAnotherServiceAccount_isRefused() throws Exception {
    Job job = botJob(j -> j.getSpec().getTemplate().getSpec().setServiceAccountName("default"));

    assertThat(refusals(job, BOT))
        .containsExactly("a Job of gitlab-ops-bot must run as the toolbox's ServiceAccount");
  }

  @Test
  void aJobRunningAnotherImage_isRefused() throws Exception {
    Job job =
        botJob(j -> j.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("alpine"));

    assertThat(refusals(job, BOT))
        .containsExactly(
            "a Job of gitlab-ops-bot must run images of the GitLab chart's image" + " repository");
  }

  @Test
  void aJobWithoutTheBotsLabels_isRefused() throws Exception {
    Job job = botJob(j -> j.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "x")));

    assertThat(refusals(job, BOT))
        .containsExactly(
            "a Job of gitlab-ops-bot must carry its labels (app.kubernetes.io/managed-by=gitlab-ops-bot)");
  }

  @Test
  void aPrivilegedHostNetworkJob_isRefused() throws Exception {
    Job job = botJob(j -> j.getSpec().getTemplate().getSpec().setHostNetwork(true));

    assertThat(refusals(job, BOT))
        .containsExactly(
            "a Job of gitlab-ops-bot may not use the host's network, processes or privileges");
  }

  @Test
  void jobsOfOtherUsers_areNotThisPolicysBusiness() throws Exception {
    Job job = botJob(j -> j.getSpec().getTemplate().getSpec().setServiceAccountName("default"));

    assertThat(refusals(job, "system:serviceaccount:gitlab:gitlab-runner"))
        .containsExactly("(policy does not apply)");
  }
}
