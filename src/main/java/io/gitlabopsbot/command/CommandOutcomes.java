package io.gitlabopsbot.command;

import io.gitlabopsbot.access.AuditEntry;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's bookkeeping: every attempt and its outcome in the audit log, and the command
 * metrics. Reasons are cut to one line and redacted before they are stored.
 */
final class CommandOutcomes {

  private static final Logger log = LoggerFactory.getLogger(CommandOutcomes.class);

  private final AuditLog audit;
  private final Redactor redactor;
  private final MeterRegistry meters;
  private final Clock clock;

  CommandOutcomes(AuditLog audit, Redactor redactor, MeterRegistry meters, Clock clock) {
    this.audit = audit;
    this.redactor = redactor;
    this.meters = meters;
    this.clock = clock;
  }

  /** Audits and counts the outcome the handler reported, and says how the command ended. */
  Reply.Status finish(Invocation invocation, CommandResult result) {
    String path = invocation.path();
    String correlationId = invocation.correlationId();
    if (result instanceof CommandResult.Refused refused) {
      String why = redactor.redact(oneLine(refused.reason()));
      log.info("command refused [command={}, reason={}]", path, why);
      complete(correlationId, "refused", why);
      count(path, "refused");
      return Reply.Status.REFUSED;
    }
    if (result instanceof CommandResult.Failed failed) {
      String why = redactor.redact(oneLine(failed.reason()));
      log.warn("command failed [command={}, reason={}]", path, why);
      complete(correlationId, "failed", why);
      count(path, "failed");
      return Reply.Status.FAILED;
    }
    complete(correlationId, "succeeded", "");
    count(path, "ok");
    return Reply.Status.SUCCEEDED;
  }

  /**
   * The work already happened, so a failure to record its end is logged rather than reported as a
   * refusal.
   */
  void complete(String correlationId, String outcome, String detail) {
    try {
      audit.complete(correlationId, outcome, detail);
    } catch (RuntimeException e) {
      log.error("could not record the outcome in the audit log [outcome={}]", outcome, e);
    }
  }

  void record(Invocation invocation, String arguments, String outcome, String detail) {
    record(
        invocation.caller(),
        invocation.correlationId(),
        invocation.path(),
        arguments,
        "allowed",
        outcome,
        detail);
  }

  void record(
      Caller caller,
      String correlationId,
      String command,
      String arguments,
      String decision,
      String outcome,
      String detail) {
    audit.record(
        new AuditEntry(
            clock.instant(),
            correlationId,
            caller.source(),
            caller.teamId(),
            caller.channelId(),
            caller.userId(),
            command,
            arguments,
            decision,
            outcome,
            detail));
  }

  void count(String command, String result) {
    meters.counter(MetricNames.COMMANDS, "command", command, "result", result).increment();
  }

  void timer(String command, long startedNanos) {
    io.micrometer.core.instrument.Timer.builder(MetricNames.COMMAND_DURATION)
        .tag("command", command)
        .publishPercentileHistogram()
        .register(meters)
        .record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  static String oneLine(RuntimeException e) {
    return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
  }

  static String oneLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
