package io.gitlabopsbot.migration.steps;

import io.gitlabopsbot.migration.GitLabRbEdit;
import io.gitlabopsbot.migration.GitLabRbOutcome;
import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.RunbookStep;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.migration.StepFailedException;
import io.gitlabopsbot.ssh.OutputListener;
import io.gitlabopsbot.ssh.RemoteCommand;
import io.gitlabopsbot.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Step 1-1: writes the bot's object-storage block into gitlab.rb. The file is copied first; the new
 * text goes to a temporary file that is created 0600 and owned like the original before any byte is
 * written, takes the original's mode and then replaces it in one rename, so a dropped connection
 * never leaves a half-written gitlab.rb nor a copy anyone else can read. Only the bot's own block
 * is shown, with its line numbers: the rest of gitlab.rb may hold passwords.
 */
final class GitLabRbStep implements RunbookProcedure {

  private static final int MAX_BYTES = 1024 * 1024;
  private static final String NEW = GitLabRbEdit.PATH + ".gitlab-ops-bot.new";

  private final MigrationOptions options;
  private final Supplier<RemoteHost> hosts;

  GitLabRbStep(MigrationOptions options, Supplier<RemoteHost> hosts) {
    this.options = options;
    this.hosts = hosts;
  }

  @Override
  public RunbookStep step() {
    return RunbookStep.CONFIGURE_OBJECT_STORAGE;
  }

  @Override
  public String describe() {
    return "copy "
        + GitLabRbEdit.PATH
        + " to "
        + options.gitLabRbBackupPath()
        + ", then write only the bot's marked object-storage block (buckets "
        + String.join(", ", options.storage().buckets().values())
        + ")";
  }

  @Override
  public Precheck precheck(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      GitLabRbOutcome outcome = GitLabRbEdit.apply(read(host), options.storage());
      if (outcome instanceof GitLabRbOutcome.Refused refused) {
        return new Precheck.Blocked(refused.message());
      }
      return ((GitLabRbOutcome.Edited) outcome).changed()
          ? new Precheck.Ready()
          : new Precheck.AlreadyDone("gitlab.rb already has the bot's object storage block");
    }
  }

  @Override
  public void act(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      GitLabRbOutcome outcome = GitLabRbEdit.apply(read(host), options.storage());
      if (outcome instanceof GitLabRbOutcome.Refused refused) {
        throw new StepFailedException(refused.message());
      }
      GitLabRbOutcome.Edited edited = (GitLabRbOutcome.Edited) outcome;
      if (!edited.changed()) {
        return;
      }
      edited.change().lines().forEach(context::output);
      Duration quick = Duration.ofMinutes(1);
      for (List<String> copy : step().commands(options)) {
        HostRuns.run(host, copy, quick, context);
      }
      byte[] text = edited.text().getBytes(StandardCharsets.UTF_8);
      try {
        // A leftover of an earlier attempt may have any mode: start from no file at all, then
        // create it empty, 0600 and owned like gitlab.rb before a byte of the new text is in it.
        HostRuns.run(host, List.of("rm", "-f", NEW), quick, context);
        HostRuns.run(host, List.of("install", "-m", "600", "/dev/null", NEW), quick, context);
        HostRuns.run(
            host, List.of("chown", "--reference=" + GitLabRbEdit.PATH, NEW), quick, context);
        // dd writes its stdin into the existing file (its mode stays) and prints nothing, so the
        // file's text never travels back.
        HostRuns.run(
            host,
            new RemoteCommand(List.of("dd", "of=" + NEW, "status=none"), true, text),
            quick,
            OutputListener.ignore());
        HostRuns.run(
            host, List.of("chmod", "--reference=" + GitLabRbEdit.PATH, NEW), quick, context);
        HostRuns.run(host, List.of("mv", "-f", NEW, GitLabRbEdit.PATH), quick, context);
      } catch (RuntimeException e) {
        removeQuietly(host, quick);
        throw e;
      }
    }
  }

  /** Best effort: a new file left behind is private anyway, and the next attempt removes it. */
  private static void removeQuietly(RemoteHost host, Duration timeout) {
    try {
      host.run(
          new RemoteCommand(List.of("rm", "-f", NEW), true, null),
          timeout,
          OutputListener.ignore());
    } catch (RuntimeException ignored) {
      // The connection is gone; the file stays 0600 until the next attempt.
    }
  }

  @Override
  public Check verify(StepContext context) {
    try (RemoteHost host = hosts.get()) {
      GitLabRbOutcome outcome = GitLabRbEdit.apply(read(host), options.storage());
      return outcome instanceof GitLabRbOutcome.Edited edited && !edited.changed()
          ? new Check.Passed(
              "gitlab.rb has the object storage block; the original is in "
                  + options.gitLabRbBackupPath())
          : new Check.Failed("gitlab.rb does not read back as written");
    }
  }

  private static String read(RemoteHost host) {
    return host.readText(GitLabRbEdit.PATH, MAX_BYTES);
  }
}
