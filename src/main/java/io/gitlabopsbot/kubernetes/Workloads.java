package io.gitlabopsbot.kubernetes;

import java.util.List;
import java.util.Optional;

/**
 * The long-running parts of a GitLab release that a restore or a migration stops, starts and
 * restarts: its Deployments and their pods. Every call is bounded; API failures surface as {@link
 * ClusterException} subtypes.
 */
public interface Workloads {

  /** The Deployments in {@code namespace} carrying all of {@code selector}'s labels, by name. */
  List<DeploymentState> deployments(String namespace, EqualitySelector selector);

  /**
   * Sets a Deployment's desired replicas through its scale subresource.
   *
   * @throws ClusterException.NotFound when the Deployment does not exist
   */
  void scale(String namespace, String deployment, int replicas);

  /**
   * Deletes the pods carrying all of {@code selector}'s labels so their Deployments recreate them.
   * The selector must name the release: RBAC cannot narrow pod deletion by label.
   *
   * @return the names of the pods deleted
   */
  List<String> deletePods(String namespace, EqualitySelector selector);

  /**
   * Deletes one pod so its Deployment recreates it, after checking it still carries all of {@code
   * selector}'s labels (which must name the release).
   *
   * @return whether it was deleted (false when it was gone or no longer matches)
   */
  boolean deletePod(String namespace, EqualitySelector selector, String name);

  /** The pods carrying all of {@code selector}'s labels, with their readiness. */
  List<PodState> pods(String namespace, EqualitySelector selector);

  /**
   * The GitLab version the release runs (e.g. {@code 17.5.2}), read from the image tag of its
   * webservice or toolbox containers; empty when the release shows none or they disagree.
   */
  Optional<String> gitlabVersion(String namespace, String release);
}
