package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.ssh.RemoteHost;
import io.gitlabopsbot.storage.ArchiveUploader;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Step 2: makes the backup on the host (leaving out what moved to object storage), streams the new
 * archive into the chart's backup bucket with constant memory, and compares the SHA-256 of what was
 * sent with {@code sha256sum} on the host. Records the backup ID for the restore (3-3).
 */
final class BackupUploadStep implements RunbookProcedure {

  static final String BACKUPS = "/var/opt/gitlab/backups";
  static final String SUFFIX = "_gitlab_backup.tar";
  private static final Duration QUICK = Duration.ofMinutes(2);

  private final MigrationOptions options;
  private final Supplier<RemoteHost> hosts;
  private final ArchiveUploader uploader;

  BackupUploadStep(MigrationOptions options, Supplier<RemoteHost> hosts, ArchiveUploader uploader) {
    this.options = options;
    this.hosts = hosts;
    this.uploader = uploader;
  }

  @Override
  public RunbookStep step() {
    return RunbookStep.BACKUP;
  }

  @Override
  public String describe() {
    return Steps.describe(step().commands(options))
        + "\nthen stream the new archive from "
        + BACKUPS
        + " to s3://"
        + options.storage().backupBucket()
        + " and compare SHA-256 checksums";
  }

  @Override
  public Precheck precheck(StepContext context) {
    return new Precheck.Ready();
  }

  @Override
  public void act(StepContext context) {
    String archive;
    try (RemoteHost host = hosts.get()) {
      Set<String> before = archives(host);
      context.status("creating the backup on the host");
      for (List<String> command : step().commands(options)) {
        HostRuns.run(host, command, timeout(), context);
      }
      Set<String> created = archives(host);
      created.removeAll(before);
      if (created.size() != 1) {
        throw new StepFailedException(
            "expected one new archive in " + BACKUPS + " after the backup, found " + created);
      }
      archive = created.iterator().next();
    }
    String sha256 =
        new ArchiveTransfer(hosts, uploader, timeout())
            .copy(
                BACKUPS + "/" + archive,
                options.storage().backupBucket(),
                archive,
                (bytes, size) ->
                    context.status("uploading " + archive + ": " + percent(bytes, size) + " %"));
    context.output("uploaded " + archive + ", SHA-256 " + sha256);
    context.record(archive.substring(0, archive.length() - SUFFIX.length()));
  }

  private static Set<String> archives(RemoteHost host) {
    Set<String> names = java.util.Collections.synchronizedSet(new HashSet<>());
    HostRuns.run(
        host,
        new io.gitlabopsbot.ssh.RemoteCommand(
            List.of(
                "find",
                BACKUPS,
                "-maxdepth",
                "1",
                "-type",
                "f",
                "-name",
                "*" + SUFFIX,
                "-printf",
                "%f\\n"),
            true,
            null),
        QUICK,
        line -> {
          if (line.strip().endsWith(SUFFIX)) {
            names.add(line.strip());
          }
        });
    return new HashSet<>(names);
  }

  private static long percent(long bytes, long size) {
    return size == 0 ? 100 : bytes * 100 / size;
  }

  @Override
  public Check verify(StepContext context) {
    return new Check.Passed("archive made on the host, uploaded and checksum-compared");
  }
}
