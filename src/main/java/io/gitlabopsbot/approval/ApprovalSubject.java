package io.gitlabopsbot.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

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
 * @param requesterId the Slack user ID (or CLI user) who asked
 * @param correlationId the ID of the command that asked, for tracing; not part of the hash
 */
public record ApprovalSubject(
    String kind,
    String target,
    String namespace,
    String release,
    Map<String, String> parameters,
    String requesterId,
    String correlationId) {

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
