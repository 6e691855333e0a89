package io.gitlabopsbot.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * The exact argv of each host step. Never shell strings: the SSH port runs them without a shell, so
 * no value can be interpreted as shell syntax.
 */
final class HostCommands {

  private HostCommands() {}

  static List<List<String>> of(RunbookStep step, MigrationOptions options) {
    return switch (step) {
      // Only run when the edit changes the file; the new text is then written by the engine.
      case CONFIGURE_OBJECT_STORAGE ->
          List.of(List.of("cp", "-p", GitLabRbEdit.PATH, options.gitLabRbBackupPath()));
      case RECONFIGURE, RECONFIGURE_AGAIN -> List.of(List.of("gitlab-ctl", "reconfigure"));
      case MIGRATE_OBJECTS ->
          options.objectTypes().stream()
              .map(type -> List.of("gitlab-rake", type.migrateTask()))
              .toList();
      case MOVE_LOCAL_COPIES_ASIDE -> moveAside(options);
      // gitlab-rake reads NAME=value arguments as environment variables.
      case BACKUP ->
          List.of(List.of("gitlab-rake", "gitlab:backup:create", "SKIP=" + options.backupSkip()));
      case REPLACE_RAILS_SECRET, RESTART_PODS, RESTORE -> List.of();
    };
  }

  /**
   * {@code mv --no-target-directory} fails when the {@code .bak} already exists and is not empty,
   * instead of silently moving the directory into it: a re-run stops rather than nesting copies.
   */
  private static List<List<String>> moveAside(MigrationOptions options) {
    List<List<String>> commands = new ArrayList<>();
    for (String directory : options.localDirectories()) {
      commands.add(List.of("mv", "--no-target-directory", directory, directory + ".bak"));
    }
    return List.copyOf(commands);
  }
}
