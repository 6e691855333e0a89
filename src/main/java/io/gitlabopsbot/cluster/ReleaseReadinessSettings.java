package io.gitlabopsbot.cluster;

/**
 * Whether {@code /gitlab cluster} reads the GitLab Helm release record to find API versions that
 * the next Kubernetes versions remove. Off by default: it needs an extra, opt-in Role.
 */
public record ReleaseReadinessSettings(boolean enabled) {

  public static final ReleaseReadinessSettings OFF = new ReleaseReadinessSettings(false);
}
