package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Runs fabric8 calls and turns their failures into {@link ClusterException}s that say what to do.
 */
public final class KubernetesCalls {

  private KubernetesCalls() {}

  /**
   * @param what the call in words, e.g. {@code list nodes}, used in the message
   * @throws ClusterException.Forbidden on 403, {@link ClusterException.NotFound} on 404, {@link
   *     ClusterException.AlreadyExists} on 409
   */
  public static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (KubernetesClientException e) {
      switch (e.getCode()) {
        case 403 ->
            throw new ClusterException.Forbidden(
                "the bot's service account may not "
                    + what
                    + " (HTTP 403); it lacks that RBAC permission",
                e);
        case 404 ->
            throw new ClusterException.NotFound(
                "Kubernetes API call failed: " + what + " (HTTP 404: not found)", e);
        case 409 ->
            throw new ClusterException.AlreadyExists(
                "Kubernetes API call failed: " + what + " (HTTP 409: already exists)", e);
        default ->
            throw new ClusterException(
                "Kubernetes API call failed: "
                    + what
                    + (e.getCode() > 0
                        ? " (HTTP " + e.getCode() + ")"
                        : " (no response) [" + rootCause(e) + "]")
                    + "; check the API server and the bot's network path to it",
                e);
      }
    }
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
