package io.gitlabopsbot.kubernetes;

/**
 * The toolbox of a GitLab release: its Deployment (whose pod template backup Jobs copy) and a Ready
 * pod (for exec).
 *
 * @param container the first container of the pod template, where {@code backup-utility} lives
 * @param selector the labels that found it; the chart's backup CronJob carries the same
 */
public record Toolbox(
    String namespace,
    String deployment,
    String pod,
    String container,
    String image,
    EqualitySelector selector) {}
