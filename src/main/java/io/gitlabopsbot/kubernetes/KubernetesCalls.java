package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Runs fabric8 calls and turns their failures into {@link ClusterException}s that say what to do.
 */
public final class KubernetesCalls {

  /** The API server's {@code Status.reason} for a stale resourceVersion. */
  private static final String REASON_CONFLICT = "Conflict";

  private KubernetesCalls() {}

  /**
   * @param what the call in words, e.g. {@code list nodes}, used in the message
   * @throws ClusterException.Forbidden on 403, {@link ClusterException.NotFound} on 404, {@link
   *     ClusterException.AlreadyExists} on 409 (or {@link ClusterException.Conflict} when the API
   *     server says the 409 is a conflict rather than a duplicate)
   */
  public static <T> T call(String what, Supplier<T> action) {
    return run(what, action, false);
  }

  /**
   * As {@link #call} for an update carrying the resourceVersion that was read (optimistic locking):
   * every 409 means the object changed in between, whatever reason the server gives.
   *
   * @throws ClusterException.Conflict on 409
   */
  public static <T> T update(String what, Supplier<T> action) {
    return run(what, action, true);
  }

  private static <T> T run(String what, Supplier<T> action, boolean optimisticUpdate) {
    try {
      return action.get();
    } catch (KubernetesClientException e) {
      switch (e.getCode()) {
        case 403 -> {
          String denial = admissionDenial(e);
          if (denial != null) {
            throw new ClusterException.AdmissionDenied(
                "an admission policy refused to " + what + ": " + denial, e);
          }
          throw new ClusterException.Forbidden(
              "the bot's service account may not "
                  + what
                  + " (HTTP 403); it lacks that RBAC permission",
              e);
        }
        case 404 ->
            throw new ClusterException.NotFound(
                "Kubernetes API call failed: " + what + " (HTTP 404: not found)", e);
        case 409 -> {
          if (optimisticUpdate || isConflictReason(e)) {
            throw new ClusterException.Conflict(
                "Kubernetes API call failed: "
                    + what
                    + " (HTTP 409: the object changed since it was read); nothing was written,"
                    + " read it again and retry",
                e);
          }
          throw new ClusterException.AlreadyExists(
              "Kubernetes API call failed: " + what + " (HTTP 409: already exists)", e);
        }
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

  /**
   * The reason an admission policy or webhook gave, or null for an RBAC denial. RBAC says "cannot
   * <verb> resource"; admission says "denied request" / "denied the request".
   */
  private static String admissionDenial(KubernetesClientException e) {
    String message = e.getStatus() == null ? null : e.getStatus().getMessage();
    if (message == null
        || !(message.contains("ValidatingAdmissionPolicy") || message.contains("admission webhook"))
        || message.contains("cannot create resource")) {
      return null;
    }
    // The policy's own words say what to fix; they are bounded so a chatty webhook cannot flood
    // the message.
    return message.length() > 400 ? message.substring(0, 400) + "…" : message;
  }

  private static boolean isConflictReason(KubernetesClientException e) {
    return e.getStatus() != null && REASON_CONFLICT.equals(e.getStatus().getReason());
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
