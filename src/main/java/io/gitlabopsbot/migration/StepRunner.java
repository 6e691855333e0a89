package io.gitlabopsbot.migration;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a step's action and verification on a worker thread, bounded by the step's timeout, and
 * beats the step's heartbeat while it waits, so other bot processes know it is alive.
 */
final class StepRunner {

  /** How one attempt ended. */
  sealed interface Result {
    record Succeeded(String summary) implements Result {}

    record Failed(String why) implements Result {}

    /** It may or may not have taken effect; a person must check. */
    record Unknown(String why) implements Result {}
  }

  private final ExecutorService workers;
  private final Duration heartbeatEvery;

  StepRunner(ExecutorService workers, Duration heartbeatEvery) {
    this.workers = workers;
    this.heartbeatEvery = heartbeatEvery;
  }

  Result run(StepProcedure step, StepContext context, Runnable heartbeat) {
    Future<StepProcedure.Check> work =
        workers.submit(
            () -> {
              step.act(context);
              return step.verify(context);
            });
    long deadline = System.nanoTime() + step.timeout().toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        work.cancel(true);
        return timedOut(step);
      }
      try {
        return checked(work.get(Math.min(left, heartbeatEvery.toNanos()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        heartbeat.run();
      } catch (InterruptedException e) {
        work.cancel(true);
        Thread.currentThread().interrupt();
        return new Result.Unknown("the bot was stopping while step " + step.id() + " ran");
      } catch (CancellationException e) {
        return timedOut(step);
      } catch (ExecutionException e) {
        return failed(step, e.getCause());
      }
    }
  }

  private static Result checked(StepProcedure.Check check) {
    if (check instanceof StepProcedure.Check.Passed passed) {
      return new Result.Succeeded(passed.summary());
    }
    return new Result.Failed(
        "the step ran but its check failed: " + ((StepProcedure.Check.Failed) check).why());
  }

  private static Result failed(StepProcedure step, Throwable cause) {
    if (cause instanceof StepFailedException failure) {
      return new Result.Failed(failure.getMessage());
    }
    if (cause instanceof StepOutcomeUnknownException unknown) {
      return new Result.Unknown(unknown.getMessage());
    }
    String why =
        "it failed unexpectedly ("
            + cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
            + ")";
    // A step that changes data and stopped for a reason it did not foresee may have done part of
    // its work; only a person can tell.
    return step.changesData() ? new Result.Unknown(why) : new Result.Failed(why);
  }

  private static Result timedOut(StepProcedure step) {
    String why =
        "it did not finish within its timeout of " + describe(step.timeout()) + " and was stopped";
    return step.changesData() || !step.idempotent()
        ? new Result.Unknown(why + "; its command may still be running on the host")
        : new Result.Failed(why);
  }

  private static String describe(Duration duration) {
    return duration.toMinutes() >= 1
        ? duration.toMinutes() + " min"
        : Math.max(1, duration.toSeconds()) + " s";
  }
}
