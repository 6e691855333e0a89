package io.gitlabopsbot.kubernetes;

import java.util.Map;
import java.util.Optional;

/**
 * The GitLab rails Secret ({@code secrets.yml}: the keys that decrypt database columns), read and
 * replaced by name only: the bot may not list Secrets. Values never leave this port in text form;
 * see {@link SecretSnapshot#toString()}.
 */
public interface RailsSecrets {

  /**
   * The Secret {@code namespace/name}, or empty when it does not exist.
   *
   * @throws ClusterException.Forbidden when RBAC does not grant get on this Secret's name
   */
  Optional<SecretSnapshot> read(String namespace, String name);

  /**
   * Replaces the Secret's data with {@code data}, keeping its labels, annotations and type, only if
   * it is still at {@code expectedResourceVersion} (the version {@link #read} returned).
   *
   * @throws ClusterException.Conflict when the Secret changed since it was read; nothing written
   * @throws ClusterException.NotFound when the Secret does not exist
   */
  void replace(
      String namespace, String name, Map<String, byte[]> data, String expectedResourceVersion);
}
