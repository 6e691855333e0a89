package io.gitlabopsbot.config;

/**
 * One GitLab installation the bot operates: a Helm release of the GitLab chart in a namespace.
 *
 * @param toolboxSelector label selector of the toolbox pod, e.g. {@code app=toolbox} (older charts:
 *     {@code app=task-runner}); the release label is added to it
 * @param backupBucket S3 bucket that {@code backup-utility} writes to
 * @param railsSecretName the chart's rails secret, e.g. {@code gitlab-rails-secret}
 */
public record TargetSettings(
    String name,
    String namespace,
    String helmRelease,
    String toolboxSelector,
    String backupBucket,
    String railsSecretName) {}
