package io.gitlabopsbot.scheduling;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A target's backup schedule as stored.
 *
 * @param cron the schedule as the operator wrote it
 * @param quartz the Quartz expression that runs it
 * @param nextFires the next fire times in {@code zone} (those it would have, when paused)
 * @param lastFire the newest fire and its outcome, if it ever fired
 */
public record ScheduleView(
    String target,
    String cron,
    String quartz,
    ZoneId zone,
    State state,
    List<ZonedDateTime> nextFires,
    Optional<FireRecord> lastFire) {

  public ScheduleView {
    nextFires = List.copyOf(nextFires);
  }

  /** Whether the schedule fires. */
  public enum State {
    ACTIVE,
    PAUSED,
    /** Its backup job is running right now. */
    RUNNING,
    /** Quartz could not run it; set it again. */
    ERROR
  }
}
