package io.gitlabopsbot.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes side of a GitLab Helm release, as the bot needs it: the toolbox, the Jobs the bot
 * starts there, their pods' logs, and exec into the toolbox. Every call is bounded; API failures
 * surface as {@link ClusterException} subtypes.
 */
public interface GitLabCluster {

  /** Finds the toolbox Deployment and a Ready toolbox pod matching {@code selector}. */
  ToolboxLookup findToolbox(String namespace, EqualitySelector selector);

  /**
   * Creates a Job whose pod copies the toolbox Deployment's pod template, with the command
   * replaced.
   *
   * @return the name of the created Job
   * @throws ClusterException.Forbidden when RBAC does not allow creating Jobs
   * @throws ClusterException.AlreadyExists when a Job with that name exists
   */
  String createJob(JobRequest request, Toolbox toolbox);

  /** Deletes a Job and its pods (background propagation); a Job already gone is not an error. */
  void deleteJob(String namespace, String jobName);

  /** The Jobs in {@code namespace} carrying all of {@code labels}, without pod details. */
  List<JobObservation> findJobs(String namespace, EqualitySelector labels);

  /** The Job and its newest pod, or empty when the Job no longer exists. */
  Optional<JobObservation> observeJob(String namespace, String jobName);

  /** The last lines of a pod's log, at most {@code maxLines} lines and {@code maxBytes} bytes. */
  String logTail(String namespace, String podName, int maxLines, int maxBytes);

  /**
   * Runs {@code command} (an argument array, never a shell string) in a container and waits at most
   * {@code timeout} for it to exit.
   */
  ExecResult exec(
      String namespace, String podName, String container, List<String> command, Duration timeout);
}
