package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.MANIFESTS;
import static io.gitlabopsbot.deploy.ManifestsTest.kustomizationResources;
import static io.gitlabopsbot.deploy.ManifestsTest.readDocuments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl apply -k manifests/} keeps the store on a PersistentVolumeClaim that one pod at a
 * time opens, so a deleted pod comes back with its schedules, audit log, approvals and threads.
 */
class DurableStoreManifestTest {

  /** The objects the kustomization applies, in the order of its resources. */
  static List<JsonNode> baseObjects() {
    List<JsonNode> objects = new ArrayList<>();
    for (String file : kustomizationResources()) {
      objects.addAll(readDocuments(MANIFESTS.resolve(file)));
    }
    return objects;
  }

  private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  private static Optional<JsonNode> named(List<JsonNode> objects, String kind, String name) {
    return ofKind(objects, kind).stream()
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst();
  }

  /** The image's working directory, against which a relative H2 path is resolved. */
  private static String imageWorkdir() {
    try {
      List<String> workdirs =
          Files.readAllLines(Path.of("Dockerfile")).stream()
              .map(String::strip)
              .filter(line -> line.startsWith("WORKDIR "))
              .map(line -> line.substring("WORKDIR ".length()).strip())
              .toList();
      return workdirs.isEmpty() ? "/" : workdirs.get(workdirs.size() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Dockerfile", e);
    }
  }

  /**
   * The absolute path of the file an embedded H2 URL opens inside the container; empty for
   * in-memory, server and non-H2 URLs.
   */
  static Optional<String> h2FileInContainer(String jdbcUrl, String workingDir) {
    if (!jdbcUrl.startsWith("jdbc:h2:")) {
      return Optional.empty();
    }
    String location = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
    if (location.startsWith("mem:") || location.startsWith("tcp:") || location.startsWith("ssl:")) {
      return Optional.empty();
    }
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    if (location.isBlank() || location.startsWith("~")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(workingDir).resolve(location).normalize().toString());
  }

  private static String jdbcUrl(JsonNode configMap) {
    String text = configMap.path("data").path("config.yaml").asText();
    List<JsonNode> docs = readDocuments(text);
    return docs.isEmpty() ? "" : docs.get(0).path("store").path("jdbcUrl").asText();
  }

  /** What would lose the store with the pod, or let two pods open it; empty when durable. */
  static List<String> durabilityProblems(List<JsonNode> objects) {
    List<String> problems = new ArrayList<>();
    List<JsonNode> deployments = ofKind(objects, "Deployment");
    if (deployments.size() != 1) {
      problems.add("expected one Deployment, found " + deployments.size());
      return problems;
    }
    JsonNode deployment = deployments.get(0);
    JsonNode spec = deployment.path("spec");
    if (spec.path("replicas").asInt(-1) != 1) {
      problems.add("replicas must be 1, not " + spec.path("replicas").asText("unset"));
    }
    if (!"Recreate".equals(spec.path("strategy").path("type").asText())) {
      problems.add("strategy must be Recreate, not " + spec.path("strategy").path("type").asText());
    }
    JsonNode pod = spec.path("template").path("spec");
    JsonNode security = pod.path("securityContext");
    if (security.path("fsGroup").asInt(0) != 10001) {
      problems.add("pod fsGroup must be 10001 so UID 10001 can write on the volume");
    }
    if (!"OnRootMismatch".equals(security.path("fsGroupChangePolicy").asText())) {
      problems.add("pod fsGroupChangePolicy must be OnRootMismatch");
    }
    JsonNode container = pod.path("containers").path(0);
    if (!container.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
      problems.add("container must keep readOnlyRootFilesystem");
    }

    String configMapName = "";
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.has("configMap")) {
        configMapName = volume.path("configMap").path("name").asText();
      }
    }
    Optional<JsonNode> configMap = named(objects, "ConfigMap", configMapName);
    if (configMap.isEmpty()) {
      problems.add("the config ConfigMap " + configMapName + " is not in the base");
      return problems;
    }
    String url = jdbcUrl(configMap.get());
    String workingDir =
        container.hasNonNull("workingDir") ? container.path("workingDir").asText() : imageWorkdir();
    Optional<String> file = h2FileInContainer(url, workingDir);
    if (file.isEmpty()) {
      problems.add("store.jdbcUrl " + url + " is not an embedded H2 file");
      return problems;
    }

    JsonNode storeMount = null;
    for (JsonNode mount : container.path("volumeMounts")) {
      String mountPath = mount.path("mountPath").asText();
      String prefix = mountPath.endsWith("/") ? mountPath : mountPath + "/";
      if (file.get().startsWith(prefix)
          && (storeMount == null
              || mountPath.length() > storeMount.path("mountPath").asText().length())) {
        storeMount = mount;
      }
    }
    if (storeMount == null) {
      problems.add("the H2 file " + file.get() + " is on no volume mount");
      return problems;
    }
    if (storeMount.path("readOnly").asBoolean(false)) {
      problems.add("the store's mount " + storeMount.path("mountPath").asText() + " is read-only");
    }
    String volumeName = storeMount.path("name").asText();
    JsonNode volume = null;
    for (JsonNode candidate : pod.path("volumes")) {
      if (volumeName.equals(candidate.path("name").asText())) {
        volume = candidate;
      }
    }
    if (volume == null) {
      problems.add("the store's volume " + volumeName + " is not declared");
      return problems;
    }
    if (volume.has("emptyDir")) {
      problems.add("the store's volume " + volumeName + " is an emptyDir: lost with the pod");
    }
    String claimName = volume.path("persistentVolumeClaim").path("claimName").asText();
    if (claimName.isEmpty()) {
      problems.add("the store's volume " + volumeName + " is not a PersistentVolumeClaim");
      return problems;
    }
    Optional<JsonNode> claim = named(objects, "PersistentVolumeClaim", claimName);
    if (claim.isEmpty()) {
      problems.add("the PersistentVolumeClaim " + claimName + " is not in the base");
      return problems;
    }
    List<String> modes = new ArrayList<>();
    claim.get().path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
    if (!modes.contains("ReadWriteOnce") && !modes.contains("ReadWriteOncePod")) {
      problems.add("the claim " + claimName + " must be ReadWriteOnce, not " + modes);
    }
    if (!claim.get().path("spec").path("resources").path("requests").hasNonNull("storage")) {
      problems.add("the claim " + claimName + " requests no storage size");
    }
    return problems;
  }

  @Test
  void base_keepsTheStoreOnAPersistentVolumeClaimThatOnePodOpens() {
    assertThat(durabilityProblems(baseObjects())).isEmpty();
  }

  @Test
  void store_isAnH2FileOnTheDataVolume() {
    JsonNode configMap = named(baseObjects(), "ConfigMap", "gitlab-ops-bot-config").orElseThrow();
    assertThat(h2FileInContainer(jdbcUrl(configMap), imageWorkdir()))
        .contains("/app/data/gitlab-ops-bot");
  }

  @Test
  void claim_isOneGibibyteReadWriteOnceOnTheClusterDefaultStorageClass() {
    JsonNode claim =
        named(baseObjects(), "PersistentVolumeClaim", "gitlab-ops-bot-data").orElseThrow();
    JsonNode spec = claim.path("spec");
    assertThat(spec.path("accessModes")).hasSize(1);
    assertThat(spec.path("accessModes").get(0).asText()).isEqualTo("ReadWriteOnce");
    assertThat(spec.path("resources").path("requests").path("storage").asText()).isEqualTo("1Gi");
    // Unset on purpose: the cluster's default class (EBS through the CSI driver on EKS) applies.
    assertThat(spec.has("storageClassName")).isFalse();
  }

  @Test
  void h2FileInContainer_resolvesRelativePathsAndSkipsOtherStores() {
    assertThat(h2FileInContainer("jdbc:h2:file:./data/x;AUTO_SERVER=TRUE", "/app"))
        .contains("/app/data/x");
    assertThat(h2FileInContainer("jdbc:h2:/srv/x", "/app")).contains("/srv/x");
    assertThat(h2FileInContainer("jdbc:h2:mem:x", "/app")).isEmpty();
    assertThat(h2FileInContainer("jdbc:postgresql://db:5432/x", "/app")).isEmpty();
  }

  @Test
  void durabilityProblems_whenTheStoreIsOnAnEmptyDir_reportsIt() {
    List<JsonNode> objects = baseObjects();
    ObjectNode data = storeVolume(objects);
    data.remove("persistentVolumeClaim");
    data.putObject("emptyDir").put("sizeLimit", "1Gi");
    assertThat(durabilityProblems(objects))
        .containsExactly(
            "the store's volume data is an emptyDir: lost with the pod",
            "the store's volume data is not a PersistentVolumeClaim");
  }

  @Test
  void durabilityProblems_whenTwoPodsCouldOpenTheStore_reportsIt() {
    List<JsonNode> objects = baseObjects();
    ObjectNode spec = (ObjectNode) ofKind(objects, "Deployment").get(0).path("spec");
    spec.put("replicas", 2);
    ((ObjectNode) spec.path("strategy")).put("type", "RollingUpdate");
    assertThat(durabilityProblems(objects))
        .containsExactly(
            "replicas must be 1, not 2", "strategy must be Recreate, not RollingUpdate");
  }

  @Test
  void durabilityProblems_whenTheH2FileIsOutsideTheVolume_reportsIt() {
    List<JsonNode> objects = baseObjects();
    ObjectNode configMap = (ObjectNode) ofKind(objects, "ConfigMap").get(0).path("data");
    configMap.put(
        "config.yaml",
        configMap
            .path("config.yaml")
            .asText()
            .replace("jdbc:h2:file:/app/data/", "jdbc:h2:file:./state/"));
    assertThat(durabilityProblems(objects))
        .containsExactly("the H2 file /app/state/gitlab-ops-bot is on no volume mount");
  }

  @Test
  void durabilityProblems_whenTheClaimOrTheOwnershipIsMissing_reportsIt() {
    List<JsonNode> objects = new ArrayList<>(baseObjects());
    objects.removeIf(o -> "PersistentVolumeClaim".equals(o.path("kind").asText()));
    ((ObjectNode)
            ofKind(objects, "Deployment")
                .get(0)
                .path("spec")
                .path("template")
                .path("spec")
                .path("securityContext"))
        .remove("fsGroupChangePolicy");
    assertThat(durabilityProblems(objects))
        .containsExactly(
            "pod fsGroupChangePolicy must be OnRootMismatch",
            "the PersistentVolumeClaim gitlab-ops-bot-data is not in the base");
  }

  /** What {@code kubectl apply -k manifests/} sends, when kubectl is installed. */
  @Test
  void renderedKustomization_keepsTheStoreOnAPersistentVolumeClaim() throws Exception {
    Optional<Path> kubectl = onPath("kubectl");
    assumeTrue(kubectl.isPresent(), "kubectl is not installed");
    Process process =
        new ProcessBuilder(kubectl.get().toString(), "kustomize", MANIFESTS.toString())
            .redirectErrorStream(true)
            .start();
    String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(rendered).isZero();
    List<JsonNode> objects = readDocuments(rendered);
    assertThat(ofKind(objects, "PersistentVolumeClaim")).hasSize(1);
    assertThat(durabilityProblems(objects)).isEmpty();
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(java.io.File.pathSeparator))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static ObjectNode storeVolume(List<JsonNode> objects) {
    for (JsonNode volume :
        ofKind(objects, "Deployment")
            .get(0)
            .path("spec")
            .path("template")
            .path("spec")
            .path("volumes")) {
      if ("data".equals(volume.path("name").asText())) {
        return (ObjectNode) volume;
      }
    }
    throw new AssertionError("no data volume");
  }
}
