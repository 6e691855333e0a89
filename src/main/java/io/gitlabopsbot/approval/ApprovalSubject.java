package io.gitlabopsbot.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exact operation a second person is asked to approve, e.g. a restore of one backup into one
 * release. Its {@link #operationHash()} binds an approval to this operation, so nothing can change
 * between approval and execution.
 *
 * @param kind what is done, e.g. {@code restore}
 * @param target the configured target (GitLab installation) name
 * @param namespace the Kubernetes namespace it runs in
 * @param release the Helm release it affects
 * @param parameters every argument that matters (backup ID, skipped components, …), sorted by key
 *     (stored and shown in Slack as they are, so never a secret)
 * @param requesterId the Slack user ID (or CLI user) whose command caused the request
 * @param correlationId the ID of the command that asked, for tracing; not part of the hash
 * @param alsoExcluded people who may not decide it besides the requester (e.g. whoever started the
 *     migration run a step belongs to), sorted; part of the hash when not empty
 */
public record ApprovalSubject(
    String kind,
    String target,
    String namespace,
    String release,
    Map<String, String> parameters,
    String requesterId,
    String correlationId,
    Set<String> alsoExcluded) {

  /** A request that only its requester may not decide. */
  public ApprovalSubject(
      String kind,
      String target,
      String namespace,
      String release,
      Map<String, String> parameters,
      String requesterId,
      String correlationId) {
    this(kind, target, namespace, release, parameters, requesterId, correlationId, Set.of());
  }

  public ApprovalSubject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(requesterId, "requesterId");
    SortedMap<String, String> sorted = new TreeMap<>();
    parameters.forEach(
        (key, value) ->
            sorted.put(
                Objects.requireNonNull(key, "parameter name"),
                Objects.requireNonNull(value, () -> "value of parameter " + key)));
    parameters = Collections.unmodifiableSortedMap(sorted);
    SortedSet<String> excluded = new TreeSet<>();
    alsoExcluded.forEach(user -> excluded.add(Objects.requireNonNull(user, "excluded approver")));
    excluded.remove(requesterId);
    alsoExcluded = Collections.unmodifiableSortedSet(excluded);
  }

  /**
   * Everyone who may not approve or reject the request: the requester and {@link #alsoExcluded}.
   */
  public Set<String> excludedApprovers() {
    SortedSet<String> all = new TreeSet<>(alsoExcluded);
    all.add(requesterId);
    return Collections.unmodifiableSortedSet(all);
  }

  /**
   * An unambiguous text form of the operation: every value is length-prefixed, so no choice of
   * values (separators, newlines) can make two different operations encode alike.
   */
  public String canonical() {
    StringBuilder out = new StringBuilder("approval-subject/v1\n");
    append(out, "kind", kind);
    append(out, "target", target);
    append(out, "namespace", namespace);
    append(out, "release", release);
    append(out, "requester", requesterId);
    out.append("parameters=").append(parameters.size()).append('\n');
    parameters.forEach((key, value) -> append(out, key.length() + ":" + key, value));
    if (!alsoExcluded.isEmpty()) {
      // Only present when used, so the hashes of requests stored before it stay valid.
      out.append("excluded=").append(alsoExcluded.size()).append('\n');
      alsoExcluded.forEach(user -> append(out, "user", user));
    }
    return out.toString();
  }

  /** SHA-256 of {@link #canonical()}, as 64 lower-case hex digits. */
  public String operationHash() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static void append(StringBuilder out, String name, String value) {
    out.append(name).append('=').append(value.length()).append(':').append(value).append('\n');
  }
}
