package io.gitlabopsbot.message;

/**
 * Where a posted message lives, so it can be updated or replied to.
 *
 * @param ts Slack's message timestamp (its ID within the channel)
 */
public record MessageRef(String channel, String ts) {}
