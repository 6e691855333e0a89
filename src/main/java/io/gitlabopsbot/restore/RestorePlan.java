package io.gitlabopsbot.restore;

import io.gitlabopsbot.approval.ApprovalSubject;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.kubernetes.EqualitySelector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exactly what one restore will do. Everything that matters is in its {@link ApprovalSubject}, so
 * the approval is bound to it and the executor rebuilds the same plan from the stored subject.
 *
 * @param gitlabVersion the version the backup was taken with, which the release runs too
 * @param skipped components the backup does not contain
 * @param deployments the Deployments scaled to 0 while the backup is restored
 * @param warnings things the people deciding should know; not part of the approved operation
 */
public record RestorePlan(
    TargetSettings target,
    String backupId,
    String bucket,
    String gitlabVersion,
    List<String> skipped,
    boolean preBackup,
    List<String> deployments,
    List<String> warnings,
    String requesterId,
    String correlationId) {

  public static final String KIND = "restore";

  /**
   * The components whose pods hold connections and caches of the database (with the release label).
   * Those still running from before the scale-down are restarted after the restore, so nothing
   * serves state from before it; pods started after it are left alone.
   */
  public static final List<String> RESTART =
      List.of("app=sidekiq", "app=webservice", "app=toolbox", "app=gitlab-exporter", "app=kas");

  public static final String BACKUP = "backup";
  static final String BUCKET = "bucket";
  static final String VERSION = "GitLab version";
  static final String PRE_BACKUP = "pre-restore backup";
  static final String SCALE = "scale to 0";
  static final String RESTART_PODS = "restart pods";
  static final String NOT_IN_BACKUP = "not in the backup";

  public RestorePlan {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(backupId, "backupId");
    skipped = List.copyOf(skipped);
    deployments = List.copyOf(deployments);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(requesterId, "requesterId");
  }

  /** The operation a second person approves. */
  public ApprovalSubject toSubject() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(BACKUP, backupId);
    parameters.put(BUCKET, bucket);
    parameters.put(VERSION, gitlabVersion);
    parameters.put(PRE_BACKUP, preBackup ? "yes" : "no");
    parameters.put(SCALE, String.join(", ", deployments));
    parameters.put(RESTART_PODS, String.join(", ", RESTART));
    parameters.put(NOT_IN_BACKUP, skipped.isEmpty() ? "nothing" : String.join(", ", skipped));
    return new ApprovalSubject(
        KIND,
        target.name(),
        target.namespace(),
        target.helmRelease(),
        parameters,
        requesterId,
        correlationId);
  }

  /**
   * The plan a stored subject describes.
   *
   * @throws IllegalArgumentException when the subject is not a restore of {@code target}
   */
  public static RestorePlan fromSubject(ApprovalSubject subject, TargetSettings target) {
    if (!KIND.equals(subject.kind())
        || !subject.target().equals(target.name())
        || !subject.namespace().equals(target.namespace())
        || !subject.release().equals(target.helmRelease())) {
      throw new IllegalArgumentException(
          "the approved operation is not a restore of target "
              + target.name()
              + " in namespace "
              + target.namespace()
              + " (release "
              + target.helmRelease()
              + "); the configuration changed since it was approved");
    }
    Map<String, String> p = subject.parameters();
    String skipped = require(p, NOT_IN_BACKUP);
    return new RestorePlan(
        target,
        require(p, BACKUP),
        require(p, BUCKET),
        require(p, VERSION),
        "nothing".equals(skipped) ? List.of() : split(skipped),
        "yes".equals(require(p, PRE_BACKUP)),
        split(require(p, SCALE)),
        List.of(),
        subject.requesterId(),
        subject.correlationId());
  }

  /** The restart selectors with the release label. */
  public List<EqualitySelector> restartSelectors() {
    return RESTART.stream()
        .map(s -> EqualitySelector.parse(s).with("release", target.helmRelease()))
        .toList();
  }

  /** The command the restore Job runs (an argument array, never a shell string). */
  public List<String> command(String s3Tool) {
    return s3Tool.isBlank()
        ? List.of("backup-utility", "--restore", "-t", backupId)
        : List.of("backup-utility", "--restore", "-t", backupId, "--s3tool", s3Tool);
  }

  private static String require(Map<String, String> parameters, String key) {
    String value = parameters.get(key);
    if (value == null) {
      throw new IllegalArgumentException("the approved restore has no parameter '" + key + "'");
    }
    return value;
  }

  private static List<String> split(String joined) {
    return Arrays.stream(joined.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
