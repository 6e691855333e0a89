package io.gitlabopsbot.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs readiness checks in parallel, each bounded by one overall deadline. */
final class ReadinessProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReadinessProbe.class);

  private final List<ReadinessCheck> checks;
  private final Duration timeout;
  private final ExecutorService executor;
  // Last known state per check, so the log records changes instead of every probe's result.
  private final Map<String, Boolean> lastState = new ConcurrentHashMap<>();

  ReadinessProbe(List<? extends ReadinessCheck> checks, Duration timeout) {
    this.checks = List.copyOf(checks);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("readiness timeout must be positive, was " + timeout);
    }
    var counter = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            Math.max(1, this.checks.size()),
            r -> {
              var t = new Thread(r, "readiness-check-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Result per check name, in the order the checks were given. */
  Map<String, Boolean> run() {
    Map<ReadinessCheck, Future<Boolean>> running = new LinkedHashMap<>();
    for (ReadinessCheck check : checks) {
      running.put(check, executor.submit(check::ready));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Boolean> results = new LinkedHashMap<>();
    for (var entry : running.entrySet()) {
      String name = entry.getKey().name();
      Outcome outcome = await(entry.getValue(), deadline);
      results.put(name, outcome.ok());
      logChange(name, outcome);
    }
    return results;
  }

  private void logChange(String name, Outcome outcome) {
    Boolean before = lastState.put(name, outcome.ok());
    if (outcome.ok() && Boolean.FALSE.equals(before)) {
      log.info("readiness check {} is ok again", name);
    } else if (!outcome.ok() && !Boolean.FALSE.equals(before)) {
      log.warn("readiness check {} is failing: {}", name, outcome.detail(), outcome.error());
    }
  }

  private Outcome await(Future<Boolean> future, long deadline) {
    try {
      boolean ok = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return new Outcome(ok, ok ? "ok" : "it reported not ready", null);
    } catch (TimeoutException e) {
      // A check that ignores the interrupt keeps its thread; once all are stuck every check
      // times out, which correctly keeps the pod out of service.
      future.cancel(true);
      return new Outcome(false, "no answer within " + timeout, null);
    } catch (ExecutionException e) {
      return new Outcome(false, "it threw an exception", e.getCause());
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome(false, "the probe was interrupted", null);
    }
  }

  private record Outcome(boolean ok, String detail, Throwable error) {}

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
