package io.gitlabopsbot.backup;

import io.gitlabopsbot.command.Progress;
import io.gitlabopsbot.effects.SideEffects;
import io.gitlabopsbot.kubernetes.ExecResult;
import io.gitlabopsbot.kubernetes.GitLabCluster;
import io.gitlabopsbot.kubernetes.Toolbox;
import io.gitlabopsbot.message.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The fallback when Jobs may not be created: exec {@code backup-utility} in the toolbox pod. */
final class ToolboxExecBackup {

  private final GitLabCluster cluster;
  private final SideEffects effects;
  private final BackupSettings settings;
  private final Clock clock;
  private final BackupResults results;

  ToolboxExecBackup(
      GitLabCluster cluster,
      SideEffects effects,
      BackupSettings settings,
      Clock clock,
      BackupResults results) {
    this.cluster = cluster;
    this.effects = effects;
    this.settings = settings;
    this.clock = clock;
    this.results = results;
  }

  BackupOutcome run(BackupJobSpec spec, Toolbox toolbox, Progress progress) {
    Instant started = clock.instant();
    progress.update(
        Message.of(
            BackupPhase.RUNNING.emoji()
                + " Backup of `"
                + spec.target().name()
                + "` *Running* in toolbox pod `"
                + toolbox.pod()
                + "` (the bot may not create Jobs, so it cannot show phases or survive a restart)."));
    ExecResult result =
        effects
            .perform(
                spec.execOperation(toolbox),
                () ->
                    cluster.exec(
                        toolbox.namespace(),
                        toolbox.pod(),
                        toolbox.container(),
                        ExitMarker.wrap(spec.command()),
                        settings.activeDeadline()))
            .map(ExitMarker::settle)
            .orElseThrow();
    LogPhases.Reading reading = LogPhases.read(result.output());
    String lastError = reading.failure().map(line -> " Last error: `" + line + "`.").orElse("");
    BackupOutcome outcome;
    if (result instanceof ExecResult.Broken broken) {
      outcome =
          new BackupOutcome.Failed(
              broken.reason() + "; the backup's result is unknown." + lastError, result.output());
    } else if (((ExecResult.Exited) result).exitCode() != 0) {
      outcome =
          new BackupOutcome.Failed(
              "backup-utility exited with code "
                  + ((ExecResult.Exited) result).exitCode()
                  + "."
                  + lastError,
              result.output());
    } else {
      outcome =
          results.confirmed(reading, Duration.between(started, clock.instant()), result.output());
    }
    return results.finish(spec.target(), progress, outcome);
  }
}
