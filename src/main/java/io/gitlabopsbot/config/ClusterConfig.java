package io.gitlabopsbot.config;

/**
 * The {@code cluster} section.
 *
 * @param helmReadiness opt-in: read the GitLab Helm release record to list APIs the next Kubernetes
 *     versions remove (needs the extra Role in manifests/optional)
 */
public record ClusterConfig(boolean helmReadiness) {}
