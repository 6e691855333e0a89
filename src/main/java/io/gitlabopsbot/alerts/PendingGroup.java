package io.gitlabopsbot.alerts;

import java.time.Instant;

/**
 * The undelivered rows of one alert group for one channel, summed up for planning.
 *
 * @param first the group's oldest undelivered event (its name and severity until it has a parent)
 * @param rows undelivered rows
 * @param firing how many of them are firing
 * @param attempts the most failed attempts of any of them
 * @param due whether every row may be tried now (none waits for a retry)
 */
record PendingGroup(
    String channel,
    String threadKey,
    long firstId,
    AlertEvent first,
    int rows,
    int firing,
    int attempts,
    boolean due,
    Instant firstReceivedAt) {}
