package io.gitlabopsbot.backup;

import java.util.List;
import java.util.Objects;

/** The outcome of checking one backup archive in the bucket. */
public sealed interface VerifyResult {

  /**
   * The archive exists, its size is sane and its {@code backup_information.yml} was read.
   *
   * @param warnings things worth a look that do not make the backup unusable
   */
  record Verified(BackupObject backup, BackupInformation information, List<String> warnings)
      implements VerifyResult {
    public Verified {
      Objects.requireNonNull(backup, "backup");
      Objects.requireNonNull(information, "information");
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * The backup could not be confirmed.
   *
   * @param reason one sentence: what is wrong and what to do
   * @param backup the archive concerned, or null when the ID matched none
   */
  record Problem(String reason, BackupObject backup) implements VerifyResult {
    public Problem {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
