package io.gitlabopsbot.alerts;

import io.gitlabopsbot.message.MessageRef;
import java.time.Instant;

/**
 * The open Slack parent of an alert group in a channel, with the instances it shows.
 *
 * @param id the {@code alert_threads} row
 * @param actionId the opaque ID its buttons carry; null when it has none
 * @param acknowledgement who took the group; null while nobody did
 * @param severity the highest severity the group fired with so far
 */
record GroupParent(
    long id,
    String threadKey,
    String channel,
    MessageRef parent,
    Instant firstSeen,
    String actionId,
    Acknowledgement acknowledgement,
    String severity,
    AlertGroupState state) {}
