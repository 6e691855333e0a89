package io.gitlabopsbot.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.gitlabopsbot.status.ReleaseHealth.PodState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * Reads a fabric8 {@link Pod} into a {@link PodState}: readiness, restarts and the telling reason.
 */
final class Fabric8Pods {

  private Fabric8Pods() {}

  static PodState state(Pod p) {
    var status = p.getStatus();
    List<ContainerStatus> containers =
        status == null || status.getContainerStatuses() == null
            ? List.of()
            : status.getContainerStatuses();
    int restarts = 0;
    String reason = "";
    Instant lastRestart = null;
    for (ContainerStatus c : containers) {
      restarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
      var state = c.getState();
      if (reason.isEmpty() && state != null && state.getWaiting() != null) {
        reason = Objects.requireNonNullElse(state.getWaiting().getReason(), "");
      }
      var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
      if (last != null && last.getFinishedAt() != null) {
        Instant finished = instant(last.getFinishedAt());
        if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
          lastRestart = finished;
        }
        if (reason.isEmpty() && last.getReason() != null) {
          reason = "last exit: " + last.getReason();
        }
      }
    }
    if (reason.isEmpty() && status != null && status.getReason() != null) {
      reason = status.getReason();
    }
    boolean ready =
        status != null
            && status.getConditions() != null
            && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    String phase = status == null || status.getPhase() == null ? "Unknown" : status.getPhase();
    return new PodState(
        p.getMetadata().getName(),
        phase,
        reason,
        ready,
        restarts,
        lastRestart,
        p.getMetadata().getLabels());
  }

  private static Instant instant(String timestamp) {
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      // A malformed timestamp only loses the "restarted recently" hint; the count still shows.
      return null;
    }
  }
}
