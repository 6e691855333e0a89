package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.config.TargetSettings;
import io.gitlabopsbot.message.Message;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.restore.RestoreOutcome;
import io.gitlabopsbot.restore.RestorePlanner;
import io.gitlabopsbot.restore.RestoreRunner;
import java.util.Optional;
import java.util.UUID;

/**
 * Step 3-3: restores the backup that step 2 uploaded, through the restore capability (same checks:
 * the backup verifies and matches the chart's GitLab version; same phases: scale down, restore Job,
 * scale back, restart). The step's own approval stands in for the restore's; no pre-restore backup
 * is taken, because the chart holds no data of its own yet.
 */
final class RestoreStep implements RunbookProcedure {

  private final TargetSettings target;
  private final RestorePlanner planner;
  private final RestoreRunner runner;

  RestoreStep(TargetSettings target, RestorePlanner planner, RestoreRunner runner) {
    this.target = target;
    this.planner = planner;
    this.runner = runner;
  }

  @Override
  public RunbookStep step() {
    return RunbookStep.RESTORE;
  }

  @Override
  public String describe() {
    return "restore the backup made in step 2 into release "
        + target.helmRelease()
        + " (namespace "
        + target.namespace()
        + ") with backup-utility --restore: webservice and sidekiq are scaled to 0 meanwhile";
  }

  @Override
  public Precheck precheck(StepContext context) {
    Optional<String> backup = context.recordedBy(RunbookStep.BACKUP.id());
    if (backup.isEmpty()) {
      return new Precheck.Blocked("step 2 recorded no backup to restore.");
    }
    RestorePlanner.Planning planning = plan(backup.get(), context);
    return planning instanceof RestorePlanner.Planning.Refused refused
        ? new Precheck.Blocked(refused.reason())
        : new Precheck.Ready();
  }

  @Override
  public void act(StepContext context) {
    String backup =
        context
            .recordedBy(RunbookStep.BACKUP.id())
            .orElseThrow(() -> new StepFailedException("step 2 recorded no backup to restore"));
    RestorePlanner.Planning planning = plan(backup, context);
    if (planning instanceof RestorePlanner.Planning.Refused refused) {
      throw new StepFailedException(refused.reason());
    }
    RestoreOutcome outcome =
        runner.run(
            ((RestorePlanner.Planning.Planned) planning).plan(),
            "migration-" + context.runId() + "-" + UUID.randomUUID().toString().substring(0, 8),
            new Progress() {
              @Override
              public void update(Message message) {
                context.status(message.text().lines().findFirst().orElse(""));
              }

              @Override
              public void detail(Message message) {
                message.text().lines().forEach(context::output);
              }
            });
    if (!(outcome instanceof RestoreOutcome.Succeeded)) {
      throw new StepFailedException(outcome.summary());
    }
  }

  @Override
  public Check verify(StepContext context) {
    return new Check.Passed("backup restored; GitLab is back up on the chart");
  }

  private RestorePlanner.Planning plan(String backup, StepContext context) {
    return planner.plan(target, backup, false, "migration " + context.runId(), context.runId());
  }
}
