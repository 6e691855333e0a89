package io.gitlabopsbot.backup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The validated arguments of {@code backup-utility}, as an argument array (never a shell string).
 *
 * @param skip the components to skip, in the order given, without duplicates
 * @param arguments everything after {@code backup-utility} on its command line
 */
public record BackupArguments(List<String> skip, List<String> arguments) {

  /** The components {@code backup-utility --skip} understands. */
  public static final Set<String> COMPONENTS =
      Set.of(
          "db",
          "repositories",
          "uploads",
          "builds",
          "artifacts",
          "lfs",
          "registry",
          "pages",
          "packages",
          "terraform_state",
          "ci_secure_files",
          "external_diffs");

  public BackupArguments {
    skip = List.copyOf(skip);
    arguments = List.copyOf(arguments);
  }

  /**
   * Validates {@code skip} and adds the configured options.
   *
   * @throws UnknownComponentException naming the unknown components and listing the valid ones
   */
  public static BackupArguments of(Collection<String> skip, BackupSettings settings) {
    Set<String> unique = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String component : skip) {
      String name = component.strip();
      if (name.isEmpty()) {
        continue;
      }
      if (COMPONENTS.contains(name)) {
        unique.add(name);
      } else {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new UnknownComponentException(
          "unknown backup component"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + "; --skip accepts "
              + String.join(", ", COMPONENTS.stream().sorted().toList()));
    }
    List<String> arguments = new ArrayList<>();
    for (String component : unique) {
      arguments.add("--skip");
      arguments.add(component);
    }
    if (!settings.s3Tool().isEmpty()) {
      arguments.add("--s3tool");
      arguments.add(settings.s3Tool());
    }
    if (!settings.storageClass().isEmpty()) {
      arguments.add("--storage-class");
      arguments.add(settings.storageClass());
    }
    if (settings.maximumBackups() > 0) {
      arguments.add("--maximum-backups");
      arguments.add(Integer.toString(settings.maximumBackups()));
    }
    return new BackupArguments(List.copyOf(unique), arguments);
  }

  /** A {@code --skip} value that {@code backup-utility} does not know. */
  public static final class UnknownComponentException extends IllegalArgumentException {
    public UnknownComponentException(String message) {
      super(message);
    }
  }
}
