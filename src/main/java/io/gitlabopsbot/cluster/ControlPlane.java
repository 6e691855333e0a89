package io.gitlabopsbot.cluster;

/**
 * What {@code DescribeCluster} says about the EKS control plane.
 *
 * @param version the Kubernetes minor version, e.g. {@code 1.31}
 * @param platformVersion the EKS platform version, e.g. {@code eks.20}
 * @param status {@code ACTIVE}, {@code UPDATING}, …
 * @param supportType the upgrade policy: {@code STANDARD} (auto-upgraded at the end of standard
 *     support) or {@code EXTENDED}; empty when the API did not say
 */
public record ControlPlane(
    String name, String version, String platformVersion, String status, String supportType) {}
