package io.gitlabopsbot.scheduling;

import java.time.Instant;
import java.util.Optional;

/** Remembers each fire of a backup schedule and its outcome, shared by all replicas. */
public interface FireHistory {

  /** Records a fire with outcome {@link FireOutcome#FIRED}; returns its ID. */
  long recordFire(
      String target, String scheduleId, String cron, Instant scheduledAt, Instant firedAt);

  /** Sets the outcome of fire {@code id}; {@code detail} may be null. */
  void settle(long id, FireOutcome outcome, String detail);

  /** The newest fire of {@code target}'s schedule. */
  Optional<FireRecord> latest(String target);
}
