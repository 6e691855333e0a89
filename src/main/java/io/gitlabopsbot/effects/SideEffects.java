package io.gitlabopsbot.effects;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single gate every side effect passes (Kubernetes write or exec, SSH command, S3 write). In
 * dry-run mode nothing is performed: the exact operation is reported instead, so an operator can
 * review what a command would do.
 */
public final class SideEffects {

  private static final Logger log = LoggerFactory.getLogger(SideEffects.class);

  private final boolean dryRun;
  private final Consumer<Operation> journal;

  /**
   * @param journal receives every operation that was skipped because of dry-run
   */
  public SideEffects(boolean dryRun, Consumer<Operation> journal) {
    this.dryRun = dryRun;
    this.journal = journal;
  }

  public boolean dryRun() {
    return dryRun;
  }

  /** This gate with dry-run forced on, for a single command run with {@code --dry-run}. */
  public SideEffects forcedDryRun(Consumer<Operation> commandJournal) {
    return new SideEffects(
        true,
        op -> {
          journal.accept(op);
          commandJournal.accept(op);
        });
  }

  /** Performs the action and returns its result, or reports it and returns empty in dry-run. */
  public <T> Optional<T> perform(Operation operation, Supplier<T> action) {
    if (dryRun) {
      log.info("dry-run: not performing [operation={}]", operation.describe());
      journal.accept(operation);
      return Optional.empty();
    }
    log.info("performing [operation={}]", operation.describe());
    return Optional.ofNullable(action.get());
  }

  /** Like {@link #perform} for actions without a result; returns true if it ran. */
  public boolean run(Operation operation, Runnable action) {
    return perform(
            operation,
            () -> {
              action.run();
              return Boolean.TRUE;
            })
        .isPresent();
  }
}
