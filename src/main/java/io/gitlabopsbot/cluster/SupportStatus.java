package io.gitlabopsbot.cluster;

/**
 * The support dates of the cluster's version and of the next one, and where they came from.
 *
 * @param next the next minor version, or null when none is known yet
 * @param sourceNote one sentence naming the source (and, for the fallback, why)
 */
record SupportStatus(VersionSupport current, VersionSupport next, String sourceNote) {}
