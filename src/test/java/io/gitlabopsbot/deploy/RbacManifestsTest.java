package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.MANIFESTS;
import static io.gitlabopsbot.deploy.ManifestsTest.kubernetesObjects;
import static io.gitlabopsbot.deploy.ManifestsTest.readDocuments;
import static io.gitlabopsbot.deploy.ManifestsTest.single;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** RBAC is least privilege: no wildcards, no broad Secret access, no built-in admin roles. */
class RbacManifestsTest {

  private static final Set<String> BROAD_ROLES = Set.of("cluster-admin", "admin", "edit");
  private static final Set<String> FORBIDDEN_SECRET_VERBS = Set.of("list", "watch", "create");
  private static final Set<String> ESCALATING_VERBS = Set.of("escalate", "bind", "impersonate");

  /** What is wrong with one Role, ClusterRole or binding; empty when it is acceptable. */
  static List<String> rbacProblems(JsonNode doc) {
    List<String> problems = new ArrayList<>();
    String kind = doc.path("kind").asText();
    String name = kind + "/" + doc.path("metadata").path("name").asText();
    if (kind.endsWith("Binding")
        && BROAD_ROLES.contains(doc.path("roleRef").path("name").asText())) {
      problems.add(name + " binds the built-in role " + doc.path("roleRef").path("name").asText());
    }
    for (JsonNode rule : doc.path("rules")) {
      for (String field : List.of("verbs", "resources", "apiGroups", "resourceNames")) {
        rule.path(field)
            .forEach(
                v -> {
                  if (v.asText().contains("*")) {
                    problems.add(name + " has a wildcard in " + field + ": " + v.asText());
                  }
                });
      }
      Set<String> verbs = texts(rule.path("verbs"));
      verbs.stream()
          .filter(ESCALATING_VERBS::contains)
          .forEach(v -> problems.add(name + " grants " + v));
      if (texts(rule.path("resources")).contains("secrets")) {
        if (rule.path("resourceNames").isEmpty()) {
          problems.add(name + " grants secrets without resourceNames");
        }
        verbs.stream()
            .filter(FORBIDDEN_SECRET_VERBS::contains)
            .forEach(v -> problems.add(name + " grants " + v + " on secrets"));
      }
    }
    return problems;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> result = new TreeSet<>();
    array.forEach(v -> result.add(v.asText()));
    return result;
  }

  @Test
  void everyRbacObject_isLeastPrivilege() {
    List<JsonNode> rbac =
        kubernetesObjects().stream()
            .filter(d -> d.path("apiVersion").asText().startsWith("rbac.authorization.k8s.io/"))
            .toList();
    assertThat(rbac).hasSizeGreaterThanOrEqualTo(6);
    rbac.forEach(doc -> assertThat(rbacProblems(doc)).isEmpty());
  }

  @Test
  void rbacProblems_whenRulesAreTooBroad_reportsEachOne() {
    JsonNode bad =
        readDocuments(
                """
                kind: Role
                metadata: {name: bad}
                rules:
                  - apiGroups: ["*"]
                    resources: ["pods"]
                    verbs: ["get"]
                  - apiGroups: [""]
                    resources: ["secrets"]
                    verbs: ["get", "list", "create"]
                  - apiGroups: [""]
                    resources: ["secrets"]
                    resourceNames: ["sh.helm.release.v1.*"]
                    verbs: ["watch"]
                  - apiGroups: ["rbac.authorization.k8s.io"]
                    resources: ["roles"]
                    verbs: ["escalate"]
                """)
            .get(0);
    assertThat(rbacProblems(bad))
        .containsExactlyInAnyOrder(
            "Role/bad has a wildcard in apiGroups: *",
            "Role/bad grants secrets without resourceNames",
            "Role/bad grants list on secrets",
            "Role/bad grants create on secrets",
            "Role/bad has a wildcard in resourceNames: sh.helm.release.v1.*",
            "Role/bad grants watch on secrets",
            "Role/bad grants escalate");
  }

  @Test
  void rbacProblems_whenBoundToClusterAdmin_reportsIt() {
    JsonNode bad =
        readDocuments(
                "kind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {name: cluster-admin}")
            .get(0);
    assertThat(rbacProblems(bad))
        .containsExactly("ClusterRoleBinding/b binds the built-in role cluster-admin");
  }

  @Test
  void role_grantsExactlyThePlannedPermissions() {
    Map<String, Set<String>> granted = new TreeMap<>();
    for (JsonNode rule : single("role.yaml").path("rules")) {
      String names = rule.has("resourceNames") ? texts(rule.path("resourceNames")).toString() : "";
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          String key = group.asText() + "/" + resource.asText() + names;
          granted.computeIfAbsent(key, k -> new TreeSet<>()).addAll(texts(rule.path("verbs")));
        }
      }
    }
    assertThat(granted)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "/pods", Set.of("get", "list", "watch", "delete"),
                "/pods/log", Set.of("get"),
                "/events", Set.of("list", "watch"),
                "batch/jobs", Set.of("create", "get", "list", "watch", "delete"),
                "batch/cronjobs", Set.of("get", "list"),
                "apps/deployments", Set.of("get", "list", "watch"),
                "apps/deployments/scale", Set.of("get", "patch", "update"),
                "autoscaling/horizontalpodautoscalers", Set.of("get", "list"),
                "/secrets[gitlab-rails-secret]", Set.of("get", "update", "patch")));
  }

  @Test
  void everyRule_isExplainedByTheCommentAboveIt() throws IOException {
    for (String file :
        List.of(
            "role.yaml",
            "optional/clusterrole-nodes.yaml",
            "optional/role-helm-release-secrets.yaml",
            "optional/role-toolbox-exec.yaml")) {
      List<String> lines = Files.readAllLines(MANIFESTS.resolve(file));
      int rules = 0;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).trim().startsWith("- apiGroups:")) {
          rules++;
          assertThat(lines.get(i - 1).trim()).as(file + " line " + (i + 1)).startsWith("# ");
        }
      }
      assertThat(rules).as(file).isPositive();
    }
  }
}
