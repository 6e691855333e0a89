package io.gitlabopsbot.migration;

/** Where a runbook step runs. */
public enum StepLocation {
  /** On the Omnibus host, over SSH. */
  HOST,
  /** In the Kubernetes cluster that runs the chart. */
  CLUSTER
}
