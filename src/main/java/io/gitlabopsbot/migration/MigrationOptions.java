package io.gitlabopsbot.migration;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The choices one migration run is made of. Which object types move, and so what the backup skips,
 * both come from {@link ObjectStorageSettings#buckets()}, so the two cannot disagree.
 *
 * @param storage buckets, region and endpoint for the Omnibus host
 * @param runId names this run's backup copy of {@code gitlab.rb}, e.g. {@code 20261125-0930}
 * @param helmRelease the chart's release, e.g. {@code gitlab}
 * @param namespace the release's namespace
 */
public record MigrationOptions(
    ObjectStorageSettings storage, String runId, String helmRelease, String namespace) {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,39}");
  // Helm release names and namespaces are DNS labels.
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public MigrationOptions {
    Objects.requireNonNull(storage, "storage");
    check(RUN_ID, runId, "run id", "1-40 letters, digits, '-' or '_'");
    check(DNS_LABEL, helmRelease, "Helm release", "a DNS label such as gitlab");
    check(DNS_LABEL, namespace, "namespace", "a DNS label such as gitlab");
  }

  /** The types that move to S3, in runbook order. */
  public Set<ObjectType> objectTypes() {
    return storage.buckets().keySet();
  }

  /**
   * The value of the backup's {@code SKIP}: every migrated type, e.g. {@code
   * uploads,artifacts,lfs}.
   */
  public String backupSkip() {
    return objectTypes().stream().map(ObjectType::key).collect(Collectors.joining(","));
  }

  /** Where step 1-1 copies {@code gitlab.rb} before changing it. */
  public String gitLabRbBackupPath() {
    return GitLabRbEdit.PATH + "." + runId + ".bak";
  }

  /** The chart's rails secret ({@code global.railsSecrets.secret} default). */
  public String railsSecretName() {
    return helmRelease + "-rails-secret";
  }

  /** The local directories step 1-4 moves aside, in runbook order. */
  public List<String> localDirectories() {
    return objectTypes().stream().map(ObjectType::localDirectory).toList();
  }

  private static void check(Pattern pattern, String value, String what, String expected) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "migration: " + what + " `" + value + "` is not valid; expected " + expected);
    }
  }
}
