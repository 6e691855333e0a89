package io.gitlabopsbot.scheduling;

import java.time.Instant;

/**
 * One fire of a backup schedule.
 *
 * @param scheduledAt when the schedule was due
 * @param firedAt when it actually fired (later after a misfire)
 * @param detail why a backup did not start or was missed; null otherwise
 */
public record FireRecord(
    long id,
    String target,
    String scheduleId,
    String cron,
    Instant scheduledAt,
    Instant firedAt,
    FireOutcome outcome,
    String detail) {}
