package io.gitlabopsbot.config;

/**
 * AWS access. Credentials come from the default chain (IRSA / Pod Identity in the cluster).
 *
 * @param region e.g. {@code eu-west-1}
 * @param eksClusterName the EKS cluster GitLab runs in
 * @param endpointOverride for S3-compatible servers and tests; null for AWS itself
 */
public record AwsSettings(String region, String eksClusterName, String endpointOverride) {}
