package io.gitlabopsbot.deploy;

import static io.gitlabopsbot.deploy.ManifestsTest.kubernetesObjects;
import static io.gitlabopsbot.deploy.ManifestsTest.readDocuments;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every Kubernetes object binds to fabric8's typed model without leftover fields, so a misspelled
 * field (which the API server would drop or reject) fails here instead of in the cluster.
 */
class ManifestSchemaTest {

  /** Custom resources fabric8 has no typed model for. */
  private static final Set<String> CUSTOM_KINDS =
      Set.of(
          "monitoring.coreos.com/v1/ServiceMonitor",
          // Checked by Prometheus's own promtool instead: BackupPrometheusRuleTest.
          "monitoring.coreos.com/v1/PrometheusRule");

  /**
   * The model class of each kind we ship. An explicit table instead of fabric8's registry, which
   * scans every model jar and takes seconds to start.
   */
  private static final Map<String, Class<? extends KubernetesResource>> TYPES =
      Map.ofEntries(
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
          Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRole", ClusterRole.class),
          Map.entry("rbac.authorization.k8s.io/v1/ClusterRoleBinding", ClusterRoleBinding.class),
          Map.entry(
              "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy",
              io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy
                  .class),
          Map.entry(
              "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding",
              io.fabric8.kubernetes.api.model.admissionregistration.v1
                  .ValidatingAdmissionPolicyBinding.class));

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Paths of fields the typed model does not know, e.g. {@code spec.template.spec.foo}. */
  static List<String> unknownFields(JsonNode doc) {
    String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
    Class<? extends KubernetesResource> type = TYPES.get(kind);
    if (type == null) {
      return List.of("no model for " + kind + ": add it to ManifestSchemaTest.TYPES");
    }
    List<String> unknown = new ArrayList<>();
    collectUnknown(JSON.convertValue(doc, type), "", unknown);
    return unknown;
  }

  private static void collectUnknown(Object value, String path, List<String> unknown) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectUnknown(list.get(i), path + "[" + i + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
      return;
    }
    if (value == null
        || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object child = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) child).keySet().forEach(k -> unknown.add(path + "." + k));
      } else {
        String name = getter.getName().substring(3);
        collectUnknown(
            child, path + "." + Character.toLowerCase(name.charAt(0)) + name.substring(1), unknown);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }

  @Test
  void everyKubernetesObject_hasOnlyKnownFields() {
    int checked = 0;
    for (JsonNode doc : kubernetesObjects()) {
      String kind = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
      if (CUSTOM_KINDS.contains(kind)) {
        continue;
      }
      assertThat(unknownFields(doc)).as(kind + " " + doc.path("metadata").path("name")).isEmpty();
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(12);
  }

  @Test
  void unknownFields_whenAFieldIsMisspelled_reportsItsPath() {
    JsonNode doc =
        readDocuments(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  template:
                    spec:
                      containers:
                        - name: c
                          securityContext: {readOnlyRootFileSystem: true}
                """)
            .get(0);
    assertThat(unknownFields(doc))
        .containsExactly(
            ".spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
  }
}
