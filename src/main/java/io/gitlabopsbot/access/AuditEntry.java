package io.gitlabopsbot.access;

import java.time.Instant;

/**
 * One attempt to run a command, allowed or not. Arguments are stored already redacted.
 *
 * @param decision {@code allowed}, {@code denied} or {@code invalid}
 * @param outcome {@code started}, {@code succeeded}, {@code failed}, {@code refused}, or another
 *     short word a capability chooses; updated when long work ends
 * @param detail one line of context for the outcome (never a secret)
 */
public record AuditEntry(
    Instant at,
    String correlationId,
    String source,
    String teamId,
    String channelId,
    String userId,
    String command,
    String arguments,
    String decision,
    String outcome,
    String detail) {}
