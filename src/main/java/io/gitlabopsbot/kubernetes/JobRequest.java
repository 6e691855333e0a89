package io.gitlabopsbot.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Job to run one command once from the toolbox pod template.
 *
 * @param command the container's command array (replaces the template's command and args)
 * @param activeDeadline Kubernetes stops the Job after this long
 * @param ttlAfterFinished Kubernetes deletes the finished Job (and its logs) after this long
 */
public record JobRequest(
    String namespace,
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> command,
    Duration activeDeadline,
    Duration ttlAfterFinished) {

  public JobRequest {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    command = List.copyOf(command);
  }
}
