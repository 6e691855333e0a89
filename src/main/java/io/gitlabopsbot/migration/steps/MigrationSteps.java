package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.effects.Sleeper;
import io.gitlabopsbot.kubernetes.RailsSecrets;
import io.gitlabopsbot.kubernetes.Workloads;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepProcedure;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.storage.ArchiveUploader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Builds the runbook's step procedures for one run, in runbook order. */
public final class MigrationSteps {

  private MigrationSteps() {}

  /**
   * @param hosts opens a new SSH connection to the Omnibus host (each step closes its own)
   * @param restore builds step 3-3 for the run (the restore capability carries it out)
   */
  public static List<StepProcedure> forRun(
      MigrationOptions options,
      String railsSecretName,
      Supplier<RemoteHost> hosts,
      ArchiveUploader uploader,
      RailsSecrets secrets,
      Workloads workloads,
      Clock clock,
      Sleeper sleeper,
      Function<MigrationOptions, StepProcedure> restore) {
    return List.of(
        new GitLabRbStep(options, hosts),
        new HostCommandStep(RunbookStep.RECONFIGURE, options, hosts),
        new HostCommandStep(RunbookStep.MIGRATE_OBJECTS, options, hosts),
        new MoveAsideStep(options, hosts),
        new HostCommandStep(RunbookStep.RECONFIGURE_AGAIN, options, hosts),
        new BackupUploadStep(options, hosts, uploader),
        new RailsSecretStep(options, railsSecretName, hosts, secrets),
        new RestartPodsStep(options, workloads, clock, sleeper, Duration.ofSeconds(5)),
        restore.apply(options));
  }
}
