package io.gitlabopsbot.migration;

import java.time.Duration;

/**
 * How one runbook step is carried out: a precheck that says whether there is work to do, the
 * action, and a verification that the action had its effect. Implementations hold no state between
 * calls: a step may be resumed by another bot process.
 */
public interface StepProcedure {

  /** The runbook's step number, e.g. {@code 1-3}. */
  String id();

  /** A short title, e.g. {@code Move uploads, artifacts and LFS objects to object storage}. */
  String title();

  /**
   * Exactly what the step does (the commands and objects it touches), shown in its approval request
   * and in `migrate plan`; never a secret.
   */
  default String describe() {
    return title();
  }

  /** Whether the step changes data, so each attempt needs a second person's approval. */
  boolean changesData();

  /** Whether running the action twice is harmless (then a crash mid-way just runs it again). */
  boolean idempotent();

  /** How long the action may take before it is given up. */
  Duration timeout();

  Precheck precheck(StepContext context);

  /**
   * Does the work.
   *
   * @throws StepFailedException when it fails in a way it can explain
   */
  void act(StepContext context);

  Check verify(StepContext context);

  /** Whether a step has work to do. */
  sealed interface Precheck {
    record Ready() implements Precheck {}

    /** The work is done already (an earlier run or a person did it): the step is skipped. */
    record AlreadyDone(String why) implements Precheck {}

    /** The step cannot run now; the run pauses with this reason. */
    record Blocked(String why) implements Precheck {}
  }

  /** Whether the action had its effect. */
  sealed interface Check {
    record Passed(String summary) implements Check {}

    record Failed(String why) implements Check {}
  }
}
