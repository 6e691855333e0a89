package io.gitlabopsbot.backup;

import io.gitlabopsbot.storage.BackupStore;
import io.gitlabopsbot.storage.StoredObject;
import io.gitlabopsbot.storage.TarEntryReader;
import io.gitlabopsbot.storage.TarLookup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a backup archive where it lies: it exists, its size is sane, and its {@code
 * backup_information.yml} can be read, using a handful of small range reads instead of a download.
 * Storage failures are thrown as {@code StorageException}: "could not check" is not "bad backup".
 */
public final class BackupVerifier {

  /** The file {@code backup-utility} puts at the top of every archive. */
  public static final String INFORMATION_FILE = "backup_information.yml";

  static final int MAX_HEADERS = 64;
  static final int MAX_INFORMATION_SIZE = 64 * 1024;
  private static final long TAR_BLOCK = 512;
  private static final Duration CREATED_AT_TOLERANCE = Duration.ofDays(1);

  private final BackupCatalog catalog;
  private final BackupStore store;
  private final TarEntryReader tar;

  public BackupVerifier(BackupCatalog catalog, BackupStore store) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.store = Objects.requireNonNull(store, "store");
    this.tar = new TarEntryReader(store, MAX_HEADERS, MAX_INFORMATION_SIZE);
  }

  /** Verifies the backup {@code typedId} (full ID, file name or epoch) in {@code bucket}. */
  public VerifyResult verify(String bucket, String typedId) {
    BackupCatalog.Resolution resolution = catalog.resolve(bucket, typedId);
    if (resolution instanceof BackupCatalog.Resolution.Unresolved unresolved) {
      return new VerifyResult.Problem(unresolved.reason(), null);
    }
    return verify(bucket, ((BackupCatalog.Resolution.Found) resolution).backup());
  }

  /** Verifies a backup taken from a listing. */
  public VerifyResult verify(String bucket, BackupObject backup) {
    String id = "`" + backup.id() + "`";
    Optional<StoredObject> head = store.head(bucket, backup.key());
    if (head.isEmpty()) {
      return new VerifyResult.Problem(
          id + " is no longer in s3://" + bucket + " (deleted since it was listed)", backup);
    }
    long size = head.get().size();
    if (size == 0) {
      return new VerifyResult.Problem(
          id + " is empty (0 bytes): its upload failed; take a new backup", backup);
    }
    if (size % TAR_BLOCK != 0) {
      return new VerifyResult.Problem(
          id
              + " has "
              + size
              + " bytes, not a multiple of 512 as every tar archive is: the upload was cut off;"
              + " take a new backup",
          backup);
    }
    if (backup.health() == BackupObject.Health.SUSPICIOUSLY_SMALL) {
      return new VerifyResult.Problem(
          id
              + " is "
              + backup.flagText()
              + "; check the backup job's log for skipped or failed components",
          backup);
    }
    TarLookup lookup = tar.find(bucket, backup.key(), size, INFORMATION_FILE);
    if (lookup instanceof TarLookup.Missing missing) {
      return new VerifyResult.Problem(
          id + (missing.damaged() ? " is damaged: " : " cannot be confirmed: ") + missing.reason(),
          backup);
    }
    String yaml = new String(((TarLookup.Found) lookup).content(), StandardCharsets.UTF_8);
    BackupInformation information;
    try {
      information = BackupInformation.parse(yaml);
    } catch (IllegalArgumentException e) {
      return new VerifyResult.Problem(id + " has an unreadable " + e.getMessage(), backup);
    }
    return new VerifyResult.Verified(backup, information, warnings(backup, information));
  }

  private static List<String> warnings(BackupObject backup, BackupInformation information) {
    List<String> warnings = new ArrayList<>();
    if (!numeric(information.gitlabVersion()).equals(numeric(backup.name().version()))) {
      warnings.add(
          "the archive says GitLab "
              + information.gitlabVersion()
              + " but its name says "
              + backup.name().version());
    }
    if (information.createdAt() == null) {
      warnings.add(INFORMATION_FILE + " has no readable :backup_created_at:");
    } else if (Duration.between(backup.createdAt(), information.createdAt())
            .abs()
            .compareTo(CREATED_AT_TOLERANCE)
        > 0) {
      warnings.add(
          "the archive was created at "
              + information.createdAt()
              + " but its name says "
              + backup.createdAt());
    }
    return warnings;
  }

  private static String numeric(String version) {
    int dash = version.indexOf('-');
    return dash < 0 ? version : version.substring(0, dash);
  }
}
