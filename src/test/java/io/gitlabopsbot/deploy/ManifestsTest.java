package io.gitlabopsbot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every YAML file under manifests/ parses, is a well-formed object, and the base is complete. */
class ManifestsTest {

  static final Path MANIFESTS = Path.of("manifests");
  static final YAMLMapper YAML = new YAMLMapper();

  /** Files that are YAML but not Kubernetes objects; each has its own test. */
  static final Set<String> NOT_KUBERNETES_OBJECTS =
      Set.of("kustomization.yaml", "slack-app-manifest.yaml");

  /** Base files deliberately left out of the kustomization. */
  static final Set<String> NOT_IN_BASE = Set.of("secret.example.yaml");

  private static final Pattern SLACK_TOKEN = Pattern.compile("xox[a-z]-|xapp-");

  static List<JsonNode> readDocuments(String yaml) {
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> result = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          result.add(doc);
        }
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse YAML", e);
    }
  }

  static List<JsonNode> readDocuments(Path file) {
    try {
      return readDocuments(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Every *.yaml / *.yml under manifests/, by path relative to manifests/, in a stable order. */
  static Map<String, List<JsonNode>> allManifests() {
    try (Stream<Path> files = Files.walk(MANIFESTS)) {
      Map<String, List<JsonNode>> result = new LinkedHashMap<>();
      files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .forEach(f -> result.put(MANIFESTS.relativize(f).toString(), readDocuments(f)));
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + MANIFESTS, e);
    }
  }

  /** All Kubernetes objects (base and optional), excluding the non-object YAML files. */
  static List<JsonNode> kubernetesObjects() {
    List<JsonNode> objects = new ArrayList<>();
    allManifests()
        .forEach(
            (file, docs) -> {
              if (!NOT_KUBERNETES_OBJECTS.contains(file)) {
                objects.addAll(docs);
              }
            });
    return objects;
  }

  static JsonNode single(String file) {
    List<JsonNode> docs = readDocuments(MANIFESTS.resolve(file));
    assertThat(docs).as(file).hasSize(1);
    return docs.get(0);
  }

  static List<String> kustomizationResources() {
    List<String> resources = new ArrayList<>();
    single("kustomization.yaml").path("resources").forEach(r -> resources.add(r.asText()));
    return resources;
  }

  @Test
  void manifests_whenParsed_containEveryExpectedFile() {
    assertThat(allManifests().keySet())
        .contains(
            "kustomization.yaml",
            "serviceaccount.yaml",
            "role.yaml",
            "rolebinding.yaml",
            "deployment.yaml",
            "service.yaml",
            "configmap.yaml",
            "pvc.yaml",
            "secret.example.yaml",
            "networkpolicy.yaml",
            "slack-app-manifest.yaml",
            "optional/clusterrole-nodes.yaml",
            "optional/role-helm-release-secrets.yaml",
            "optional/role-toolbox-exec.yaml",
            "optional/prometheusrule-backups.yaml",
            "optional/admission-policy-toolbox-jobs.yaml");
    allManifests().forEach((file, docs) -> assertThat(docs).as(file).isNotEmpty());
  }

  @Test
  void everyKubernetesObject_hasApiVersionKindAndName() {
    allManifests()
        .forEach(
            (file, docs) -> {
              if (NOT_KUBERNETES_OBJECTS.contains(file)) {
                return;
              }
              for (JsonNode doc : docs) {
                assertThat(doc.path("apiVersion").asText()).as(file + " apiVersion").isNotBlank();
                assertThat(doc.path("kind").asText()).as(file + " kind").isNotBlank();
                assertThat(doc.path("metadata").path("name").asText())
                    .as(file + " name")
                    .isNotBlank();
              }
            });
  }

  @Test
  void kustomization_listsEveryBaseFileAndNothingElse() {
    JsonNode kustomization = single("kustomization.yaml");
    assertThat(kustomization.path("kind").asText()).isEqualTo("Kustomization");
    List<String> resources = kustomizationResources();
    Set<String> baseFiles = new TreeSet<>();
    allManifests().keySet().stream()
        .filter(f -> !f.contains("/"))
        .filter(f -> !NOT_KUBERNETES_OBJECTS.contains(f) && !NOT_IN_BASE.contains(f))
        .forEach(baseFiles::add);

    assertThat(resources).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(baseFiles);
    assertThat(resources).allSatisfy(r -> assertThat(MANIFESTS.resolve(r)).isRegularFile());
    assertThat(resources).noneMatch(r -> r.startsWith("optional") || r.contains("secret.example"));
  }

  @Test
  void base_containsNoClusterScopedRbac() {
    for (String file : kustomizationResources()) {
      for (JsonNode doc : readDocuments(MANIFESTS.resolve(file))) {
        assertThat(doc.path("kind").asText())
            .as(file)
            .isNotIn("ClusterRole", "ClusterRoleBinding", "Namespace");
      }
    }
  }

  @Test
  void everyNamespacedObject_isInTheKustomizationNamespace() {
    String namespace = single("kustomization.yaml").path("namespace").asText();
    assertThat(namespace).isEqualTo("gitlab");
    for (JsonNode doc : kubernetesObjects()) {
      String kind = doc.path("kind").asText();
      // Cluster-scoped kinds carry no namespace.
      if (!kind.startsWith("Cluster") && !kind.startsWith("ValidatingAdmissionPolicy")) {
        assertThat(doc.path("metadata").path("namespace").asText()).as(kind).isEqualTo(namespace);
      }
    }
  }

  @Test
  void noManifest_containsASlackTokenValue() {
    allManifests()
        .forEach(
            (file, docs) ->
                docs.forEach(doc -> assertThat(tokenLikeValues(doc)).as(file).isEmpty()));
  }

  @Test
  void tokenLikeValues_whenATokenIsPasted_findsIt() {
    JsonNode bad =
        readDocuments("env: [{name: SLACK_BOT_TOKEN, value: xoxb-1234-5678-abcdef}]").get(0);
    assertThat(tokenLikeValues(bad)).containsExactly("xoxb-1234-5678-abcdef");
  }

  /** Every string value anywhere in the document that looks like a Slack token. */
  static List<String> tokenLikeValues(JsonNode node) {
    List<String> found = new ArrayList<>();
    if (node.isTextual() && SLACK_TOKEN.matcher(node.asText()).find()) {
      found.add(node.asText());
    }
    node.forEach(child -> found.addAll(tokenLikeValues(child)));
    return found;
  }
}
