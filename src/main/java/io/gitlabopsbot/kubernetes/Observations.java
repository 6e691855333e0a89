package io.gitlabopsbot.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns fabric8 Job and Pod objects into the bot's observations. */
final class Observations {

  private Observations() {}

  static JobObservation job(Job job, Optional<JobObservation.PodObservation> pod) {
    JobStatus status = job.getStatus() == null ? new JobStatus() : job.getStatus();
    JobObservation.State state = JobObservation.State.ACTIVE;
    String reason = "";
    String message = "";
    for (JobCondition condition : nullSafe(status.getConditions())) {
      if (!"True".equals(condition.getStatus())) {
        continue;
      }
      switch (condition.getType()) {
        case "Complete", "SuccessCriteriaMet" -> state = JobObservation.State.SUCCEEDED;
        case "Failed", "FailureTarget" -> {
          state = JobObservation.State.FAILED;
          reason = text(condition.getReason());
          message = text(condition.getMessage());
        }
        default -> {}
      }
      if (state == JobObservation.State.FAILED) {
        break;
      }
    }
    if (state == JobObservation.State.ACTIVE) {
      if (positive(status.getFailed())) {
        state = JobObservation.State.FAILED;
      } else if (positive(status.getSucceeded())) {
        state = JobObservation.State.SUCCEEDED;
      }
    }
    return new JobObservation(
        job.getMetadata().getName(),
        nullSafe(job.getMetadata().getLabels()),
        nullSafe(job.getMetadata().getAnnotations()),
        instant(job.getMetadata().getCreationTimestamp()),
        state,
        reason,
        message,
        pod);
  }

  static JobObservation.PodObservation pod(Pod pod) {
    String phase = "Pending";
    String reason = "";
    String message = "";
    String waiting = "";
    Integer exitCode = null;
    if (pod.getStatus() != null) {
      phase = pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
      reason = text(pod.getStatus().getReason());
      message = text(pod.getStatus().getMessage());
      List<ContainerStatus> containers = nullSafe(pod.getStatus().getContainerStatuses());
      if (!containers.isEmpty() && containers.get(0).getState() != null) {
        ContainerState state = containers.get(0).getState();
        if (state.getWaiting() != null) {
          waiting = text(state.getWaiting().getReason());
        }
        if (state.getTerminated() != null) {
          exitCode = state.getTerminated().getExitCode();
        }
      }
    }
    StartProblem problem = StartProblem.of(pod);
    return new JobObservation.PodObservation(
        pod.getMetadata().getName(),
        phase,
        reason,
        message,
        waiting,
        exitCode,
        problem.text(),
        problem.unschedulable());
  }

  static Instant instant(String timestamp) {
    if (timestamp == null || timestamp.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean positive(Integer value) {
    return value != null && value > 0;
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Map<String, String> nullSafe(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
