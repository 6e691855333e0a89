package io.gitlabopsbot.config;

/**
 * The bot's own HTTP listener: health, metrics, Slack requests in http mode, alert webhooks.
 *
 * @param bindAddress interface to listen on ({@code 0.0.0.0} in a pod, {@code 127.0.0.1} locally)
 * @param port TCP port; 0 picks a free one (tests)
 */
public record HttpSettings(String bindAddress, int port) {}
