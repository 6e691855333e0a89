package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.StepProcedure;
import io.gitlabopsbot.restore.RestorePlanner;
import io.gitlabopsbot.restore.RestoreRunner;
import java.util.function.Function;

/** Step 3-3 for {@link MigrationSteps#forRun}, carried out by the restore capability. */
public final class RestoreSteps {

  private RestoreSteps() {}

  public static Function<MigrationOptions, StepProcedure> through(
      TargetSettings target, RestorePlanner planner, RestoreRunner runner) {
    return options -> new RestoreStep(target, planner, runner);
  }
}
