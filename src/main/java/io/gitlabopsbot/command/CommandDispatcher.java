package io.gitlabopsbot.command;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.Decision;
import io.gitlabopsbot.access.Redactor;
import io.gitlabopsbot.config.Role;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.message.SlackText;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one path every command takes, from Slack or the CLI: parse, resolve the target, check access,
 * audit, then run quick commands at once and long ones in the background. Returns the answer to
 * show immediately (Slack's ack must come within 3 seconds).
 */
public final class CommandDispatcher {

  private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

  private final CommandParser parser;
  private final Map<String, CommandHandler> handlers;
  private final AccessPolicy access;
  private final Redactor redactor;
  private final CommandOutcomes outcomes;
  private final Targets targets;
  private final Executor background;
  private final Supplier<String> correlationIds;
  private final boolean dryRun;

  public CommandDispatcher(
      CommandParser parser,
      List<CommandRegistration> registrations,
      AccessPolicy access,
      AuditLog audit,
      Redactor redactor,
      Targets targets,
      Executor background,
      MeterRegistry meters,
      Clock clock,
      Supplier<String> correlationIds,
      boolean dryRun) {
    this.parser = parser;
    this.handlers =
        registrations.stream()
            .collect(
                Collectors.toUnmodifiableMap(r -> r.spec().path(), CommandRegistration::handler));
    this.access = access;
    this.redactor = redactor;
    this.outcomes = new CommandOutcomes(audit, redactor, meters, clock);
    this.targets = targets;
    this.background = background;
    this.correlationIds = correlationIds;
    this.dryRun = dryRun;
  }

  public Reply dispatch(Caller caller, String text, ProgressSink progressSink) {
    String correlationId = correlationIds.get();
    MDC.put("correlation", correlationId);
    try {
      return dispatch(caller, text == null ? "" : text, progressSink, correlationId);
    } catch (RuntimeException e) {
      // Reached when the audit log cannot be written: fail closed, run nothing.
      log.error("command refused: audit log unavailable", e);
      outcomes.count("(audit)", "failed");
      return Reply.done(
          Message.of(
              ":x: The bot cannot write its audit log right now, so it runs no command. Reference `"
                  + correlationId
                  + "`; an operator should check the bot's store (see /readyz and the bot log)."),
          Reply.Status.FAILED);
    } finally {
      MDC.remove("correlation");
    }
  }

  private Reply dispatch(Caller caller, String text, ProgressSink sink, String correlationId) {
    ParseResult result = parser.parse(text);
    if (result instanceof ParseResult.Invalid invalid) {
      // Someone with no role at all learns nothing: no usage, no command names.
      if (access.check(caller, Role.VIEWER) instanceof Decision.Denied denied) {
        return denied(caller, correlationId, "(invalid)", redactor.redact(text), denied);
      }
      outcomes.record(
          caller,
          correlationId,
          "(invalid)",
          redactor.redact(text),
          "invalid",
          "refused",
          invalid.problem());
      outcomes.count("(invalid)", "invalid");
      return Reply.done(Replies.invalid(invalid, parser.slashCommand()), Reply.Status.INVALID);
    }
    ParseResult.Parsed parsed = (ParseResult.Parsed) result;
    String path = parsed.spec().path();
    String arguments = Arguments.forAudit(parsed, redactor);
    String targetName = parsed.flagValue(CommandParser.TARGET_FLAG);
    // Access first: the target list is for people who may run the command.
    Decision decision = access.check(caller, parsed.spec().role());
    if (decision instanceof Decision.Denied denied) {
      return denied(caller, correlationId, path, arguments, denied);
    }
    TargetSettings target = targets.find(targetName).orElse(null);
    if (target == null) {
      String problem =
          "unknown target " + SlackText.code(targetName) + ": use one of " + targets.names();
      outcomes.record(caller, correlationId, path, arguments, "invalid", "refused", problem);
      outcomes.count(path, "invalid");
      ParseResult.Invalid invalid =
          new ParseResult.Invalid(problem, parsed.spec().usage(parser.slashCommand()));
      return Reply.done(Replies.invalid(invalid, parser.slashCommand()), Reply.Status.INVALID);
    }
    boolean dry = dryRun || parsed.flag("dry-run");
    Invocation invocation = new Invocation(parsed, caller, correlationId, target, dry);
    CommandHandler handler = handlers.get(path);
    if (!parsed.spec().longRunning()) {
      return runQuick(invocation, handler, arguments);
    }
    return startLong(invocation, handler, arguments, sink);
  }

  private Reply denied(
      Caller caller, String correlationId, String path, String arguments, Decision.Denied denied) {
    outcomes.record(caller, correlationId, path, arguments, "denied", "refused", denied.reason());
    outcomes.count(path, "denied");
    log.info(
        "command denied [command={}, user={}, channel={}]",
        path,
        caller.userId(),
        caller.channelId());
    return Reply.done(Replies.denied(denied), Reply.Status.DENIED);
  }

  private Reply runQuick(Invocation invocation, CommandHandler handler, String arguments) {
    String path = invocation.path();
    long started = System.nanoTime();
    // Recorded before running: if the audit log cannot be written, the command does not run.
    outcomes.record(invocation, arguments, "started", "");
    try {
      CommandResult result = ended(handler.handle(invocation, Progress.NONE));
      return Reply.done(result.message(), outcomes.finish(invocation, result));
    } catch (RuntimeException e) {
      log.error("command failed [command={}]", path, e);
      String why = redactor.redact(CommandOutcomes.oneLine(e));
      outcomes.complete(invocation.correlationId(), "failed", why);
      outcomes.count(path, "failed");
      return Reply.done(Replies.failed(path, invocation.correlationId(), why), Reply.Status.FAILED);
    } finally {
      outcomes.timer(path, started);
    }
  }

  private Reply startLong(
      Invocation invocation, CommandHandler handler, String arguments, ProgressSink sink) {
    String path = invocation.path();
    outcomes.record(invocation, arguments, "started", "");
    CompletableFuture<Reply.Status> completion = new CompletableFuture<>();
    try {
      background.execute(() -> completion.complete(runInBackground(invocation, handler, sink)));
    } catch (RejectedExecutionException e) {
      outcomes.complete(invocation.correlationId(), "failed", "the bot is busy: work queue full");
      outcomes.count(path, "failed");
      return Reply.done(
          Message.of(
              ":warning: The bot is busy with other work right now; `"
                  + path
                  + "` was not started. Try again in a few minutes."),
          Reply.Status.FAILED);
    }
    return new Reply(
        Replies.started(path, invocation.correlationId(), invocation.dryRun()), completion);
  }

  private Reply.Status runInBackground(
      Invocation invocation, CommandHandler handler, ProgressSink sink) {
    String path = invocation.path();
    MDC.put("correlation", invocation.correlationId());
    long started = System.nanoTime();
    Progress progress = Progress.NONE;
    try {
      progress = sink.open(invocation.caller(), invocation.correlationId());
      CommandResult result = ended(handler.handle(invocation, progress));
      progress.update(result.message());
      return outcomes.finish(invocation, result);
    } catch (RuntimeException e) {
      log.error("command failed [command={}]", path, e);
      String why = redactor.redact(CommandOutcomes.oneLine(e));
      outcomes.complete(invocation.correlationId(), "failed", why);
      outcomes.count(path, "failed");
      try {
        progress.update(Replies.failed(path, invocation.correlationId(), why));
      } catch (RuntimeException reportFailure) {
        log.warn("could not report the failure to the user [command={}]", path, reportFailure);
      }
      return Reply.Status.FAILED;
    } finally {
      outcomes.timer(path, started);
      MDC.remove("correlation");
    }
  }

  private static CommandResult ended(CommandResult result) {
    if (result == null) {
      throw new IllegalStateException("the command's handler reported no outcome (a bug)");
    }
    return result;
  }
}
