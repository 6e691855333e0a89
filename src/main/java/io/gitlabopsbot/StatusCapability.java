package io.gitlabopsbot;

import io.gitlabopsbot.backup.BackupJobSpec;
import io.gitlabopsbot.command.CommandRegistration;
import io.gitlabopsbot.status.Fabric8ReleaseHealth;
import io.gitlabopsbot.status.JdbcOpenAlerts;
import io.gitlabopsbot.status.LastBackupRun;
import io.gitlabopsbot.status.StatusHandler;
import io.gitlabopsbot.status.StatusReport;
import java.util.List;

/** Wires {@code /gitlab status}: release health, last backup age, firing alerts. */
final class StatusCapability implements Capability {

  private final List<CommandRegistration> commands;

  StatusCapability(Core core, BackupCapability backups) {
    this.commands =
        List.of(
            new CommandRegistration(
                StatusHandler.SPEC,
                new StatusHandler(
                    new StatusReport(
                        new Fabric8ReleaseHealth(core.kubernetes()),
                        backups.catalog()::newest,
                        target ->
                            backups
                                .service()
                                .lastRun(target)
                                .map(
                                    job ->
                                        new LastBackupRun.Run(
                                            job.name(),
                                            job.created(),
                                            job.active(),
                                            BackupJobSpec.failureOf(job))),
                        new JdbcOpenAlerts(core.database.dataSource()),
                        core.clock))));
  }

  @Override
  public List<CommandRegistration> commands() {
    return commands;
  }
}
