package io.gitlabopsbot.kubernetes;

import java.time.Instant;

/**
 * One pod as far as a restart is concerned.
 *
 * @param phase {@code Pending}, {@code Running}, …
 * @param ready whether its {@code Ready} condition is true
 * @param terminating whether it has a deletion timestamp (an old pod on its way out)
 * @param created its creation time, or null when the API did not report one
 */
public record PodState(
    String name, String phase, boolean ready, boolean terminating, Instant created) {}
