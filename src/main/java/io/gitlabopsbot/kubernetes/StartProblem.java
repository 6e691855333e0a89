package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Why a pod cannot start, read from its status the way {@code kubectl describe} shows it: a
 * container or init container waiting for a reason that will not pass by itself, or no node that
 * fits.
 */
record StartProblem(String text, boolean unschedulable) {

  /** Waiting reasons that mean the container will not start without someone fixing something. */
  static final Set<String> STUCK =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError",
          "CrashLoopBackOff");

  private static final int MAX_MESSAGE = 300;

  static StartProblem of(Pod pod) {
    if (pod.getStatus() == null) {
      return new StartProblem("", false);
    }
    List<ContainerStatus> statuses = new ArrayList<>();
    if (pod.getStatus().getInitContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getInitContainerStatuses());
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      statuses.addAll(pod.getStatus().getContainerStatuses());
    }
    for (ContainerStatus status : statuses) {
      if (status.getState() == null || status.getState().getWaiting() == null) {
        continue;
      }
      String reason = status.getState().getWaiting().getReason();
      if (reason != null && STUCK.contains(reason)) {
        return new StartProblem(
            "container `"
                + status.getName()
                + "`: "
                + reason
                + message(status.getState().getWaiting().getMessage()),
            false);
      }
    }
    if (pod.getStatus().getConditions() != null) {
      for (PodCondition condition : pod.getStatus().getConditions()) {
        if ("PodScheduled".equals(condition.getType())
            && "False".equals(condition.getStatus())
            && "Unschedulable".equals(condition.getReason())) {
          return new StartProblem("Unschedulable" + message(condition.getMessage()), true);
        }
      }
    }
    return new StartProblem("", false);
  }

  private static String message(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String line = message.strip().replace('\n', ' ');
    return " (" + (line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line) + ")";
  }
}
