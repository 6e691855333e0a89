package io.gitlabopsbot.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Job that runs {@code backup-utility} once from the toolbox pod template, the way the chart's
 * own backup CronJob runs it.
 *
 * @param utility {@code backup-utility} and its arguments, as an argument array; each element is
 *     quoted for the shell the image's entrypoint hands it to
 * @param copyS3cmdConfig whether to copy the rendered {@code /etc/gitlab/.s3cfg} to {@code $HOME}
 *     first, as the chart does: s3cmd reads it from there, awscli does not need it
 * @param activeDeadline Kubernetes stops the Job after this long
 * @param ttlAfterFinished Kubernetes deletes the finished Job (and its logs) after this long
 */
public record JobRequest(
    String namespace,
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> utility,
    boolean copyS3cmdConfig,
    Duration activeDeadline,
    Duration ttlAfterFinished) {

  public JobRequest {
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    utility = List.copyOf(utility);
    if (utility.isEmpty() || !utility.get(0).equals("backup-utility")) {
      throw new IllegalArgumentException("a toolbox Job runs backup-utility, not " + utility);
    }
  }

  /** The container's {@code args}: the shell line the image's entrypoint runs. */
  public List<String> containerArgs() {
    return ToolboxScript.args(utility, copyS3cmdConfig);
  }
}
