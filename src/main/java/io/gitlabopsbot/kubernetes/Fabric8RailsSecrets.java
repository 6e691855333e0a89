package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RailsSecrets} over the fabric8 client: get and update by name, never list (RBAC grants
 * neither list nor watch on Secrets). Messages name the Secret and its keys, never a value.
 */
public final class Fabric8RailsSecrets implements RailsSecrets {

  private final KubernetesClient client;

  public Fabric8RailsSecrets(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<SecretSnapshot> read(String namespace, String name) {
    return Optional.ofNullable(get(namespace, name)).map(Fabric8RailsSecrets::snapshot);
  }

  @Override
  public void replace(
      String namespace, String name, Map<String, byte[]> data, String expectedResourceVersion) {
    Objects.requireNonNull(expectedResourceVersion, "expectedResourceVersion");
    String where = "Secret " + namespace + "/" + name;
    Secret current = get(namespace, name);
    if (current == null) {
      throw new ClusterException.NotFound(
          where + " does not exist; check targets[].railsSecretName and the namespace", null);
    }
    String found = current.getMetadata().getResourceVersion();
    if (!expectedResourceVersion.equals(found)) {
      // Checked here for a clear message; the update below carries the version as well, so the
      // API server still refuses a write that races in after this read.
      throw new ClusterException.Conflict(
          where
              + " changed since it was read (resourceVersion "
              + expectedResourceVersion
              + ", now "
              + found
              + "); nothing was written, read it again and review the change",
          null);
    }
    if (Boolean.TRUE.equals(current.getImmutable())) {
      throw new ClusterException(
          where
              + " is marked immutable, so its data cannot be replaced; it must be deleted and"
              + " recreated by hand",
          null);
    }
    Map<String, String> encoded = new LinkedHashMap<>();
    new SecretSnapshot(name, found, data)
        .data()
        .forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v)));
    // Built from the object read: labels, annotations, owner references and type stay as they
    // are; only data changes. stringData is write-only and would override data, so it is cleared.
    Secret updated =
        new SecretBuilder(current)
            .editMetadata()
            .withResourceVersion(expectedResourceVersion)
            .endMetadata()
            .withData(encoded)
            .withStringData(null)
            .build();
    KubernetesCalls.update(
        "replace the data of " + where + " at resourceVersion " + expectedResourceVersion,
        () -> client.secrets().inNamespace(namespace).resource(updated).update());
  }

  private Secret get(String namespace, String name) {
    return KubernetesCalls.call(
        "read Secret " + namespace + "/" + name,
        () -> client.secrets().inNamespace(namespace).withName(name).get());
  }

  private static SecretSnapshot snapshot(Secret secret) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, decode(secret, k, v)));
    }
    return new SecretSnapshot(
        secret.getMetadata().getName(), secret.getMetadata().getResourceVersion(), data);
  }

  private static byte[] decode(Secret secret, String key, String value) {
    if (value == null) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      // The exception text could quote the value: not chained, only the key is named.
      throw new ClusterException(
          "Secret "
              + secret.getMetadata().getName()
              + " key "
              + key
              + " is not valid base64; the API server should never send that, check for a proxy"
              + " rewriting responses",
          null);
    }
  }
}
