package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepProcedure;
import java.time.Duration;

/**
 * A step procedure whose facts (number, title, approval, idempotence, timeout) are its runbook
 * step's.
 */
interface RunbookProcedure extends StepProcedure {

  RunbookStep step();

  @Override
  default String id() {
    return step().id();
  }

  @Override
  default String title() {
    return step().title();
  }

  @Override
  default boolean changesData() {
    return step().needsOwnApproval();
  }

  @Override
  default boolean idempotent() {
    return step().idempotent();
  }

  @Override
  default Duration timeout() {
    return step().defaultTimeout();
  }
}
