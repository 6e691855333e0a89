package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.ssh.RemoteHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Step 1-4: moves the local copies of the migrated objects aside ({@code .bak}) so the backup
 * leaves them out. Each move is one rename; the precheck tells a finished move (every {@code .bak}
 * there) from a half-finished one, which it leaves to a person.
 */
final class MoveAsideStep implements RunbookProcedure {

  private static final Duration QUICK = Duration.ofMinutes(1);

  private final MigrationOptions options;
  private final Supplier<RemoteHost> hosts;

  MoveAsideStep(MigrationOptions options, Supplier<RemoteHost> hosts) {
    this.options = options;
    this.hosts = hosts;
  }

  @Override
  public RunbookStep step() {
    return RunbookStep.MOVE_LOCAL_COPIES_ASIDE;
  }

  @Override
  public String describe() {
    return Steps.describe(step().commands(options));
  }

  @Override
  public Precheck precheck(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      List<String> moved = moved(host);
      if (moved.size() == options.localDirectories().size()) {
        return new Precheck.AlreadyDone("every directory is moved aside already");
      }
      if (!moved.isEmpty()) {
        return new Precheck.Blocked(
            "only some directories are moved aside ("
                + String.join(", ", moved)
                + "); move the others by hand (`mv --no-target-directory DIR DIR.bak`) or put these"
                + " back, then resume.");
      }
      return new Precheck.Ready();
    }
  }

  @Override
  public void act(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      for (List<String> move : step().commands(options)) {
        HostRuns.run(host, move, QUICK, context);
      }
    }
  }

  @Override
  public Check verify(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      List<String> moved = moved(host);
      return moved.size() == options.localDirectories().size()
          ? new Check.Passed("moved aside: " + String.join(", ", moved))
          : new Check.Failed("only " + moved + " are in place");
    }
  }

  /** The {@code .bak} directories that exist. */
  private List<String> moved(RemoteHost host) {
    List<String> moved = new ArrayList<>();
    for (String directory : options.localDirectories()) {
      if (HostRuns.succeeds(host, List.of("test", "-d", directory + ".bak"), QUICK)) {
        moved.add(directory + ".bak");
      }
    }
    if (moved.isEmpty() && options.localDirectories().isEmpty()) {
      throw new StepFailedException("no object type is configured to migrate");
    }
    return moved;
  }
}
