package io.gitlabopsbot.migration;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A runbook step whose precheck, action and verification a test scripts. */
final class ScriptedStep implements StepProcedure {

  private final String id;
  private final boolean changesData;
  private final boolean idempotent;
  private final Duration timeout;
  final AtomicInteger prechecks = new AtomicInteger();
  final AtomicInteger acts = new AtomicInteger();
  volatile Precheck precheck = new Precheck.Ready();
  volatile Consumer<StepContext> action = context -> {};
  volatile Check check = new Check.Passed("done");

  ScriptedStep(String id, boolean changesData, boolean idempotent, Duration timeout) {
    this.id = id;
    this.changesData = changesData;
    this.idempotent = idempotent;
    this.timeout = timeout;
  }

  static ScriptedStep safe(String id) {
    return new ScriptedStep(id, false, true, Duration.ofSeconds(10));
  }

  static ScriptedStep destructive(String id) {
    return new ScriptedStep(id, true, false, Duration.ofSeconds(10));
  }

  /** Makes the action throw {@code failure}. */
  ScriptedStep failing(RuntimeException failure) {
    action =
        context -> {
          throw failure;
        };
    return this;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return "Step " + id;
  }

  @Override
  public boolean changesData() {
    return changesData;
  }

  @Override
  public boolean idempotent() {
    return idempotent;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Precheck precheck(StepContext context) {
    prechecks.incrementAndGet();
    return precheck;
  }

  @Override
  public void act(StepContext context) {
    acts.incrementAndGet();
    action.accept(context);
  }

  @Override
  public Check verify(StepContext context) {
    return check;
  }
}
