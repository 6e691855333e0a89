package io.gitlabopsbot.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Decides which backups retention deletes; pure, so every rule is tested without storage. */
public final class RetentionPlanner {

  /**
   * Plans retention over a listing.
   *
   * <p>Nothing is deleted when the newest backup is flagged (empty or suspiciously small): then the
   * last sound backup is older than it looks and age or count limits could remove the only good
   * copy. Flagged backups below a sound newest one count like any other.
   */
  public RetentionPlan plan(BackupListing listing, RetentionSettings settings, Instant now) {
    List<BackupObject> backups = listing.newestFirst();
    if (settings.keepsAll()) {
      return new RetentionPlan(
          listing.bucket(),
          List.of(),
          backups,
          "no retention limits are set; nothing is deleted",
          false);
    }
    if (backups.isEmpty()) {
      return new RetentionPlan(
          listing.bucket(), List.of(), List.of(), "the bucket holds no backups", false);
    }
    BackupObject newest = backups.get(0);
    if (newest.health().flagged()) {
      return RetentionPlan.refuse(
          listing,
          "the newest backup `"
              + newest.id()
              + "` is "
              + newest.flagText()
              + ", so it is unclear which backup is the last good one; nothing is deleted until a"
              + " sound backup is the newest");
    }
    List<BackupObject> deletions = new ArrayList<>();
    List<BackupObject> kept = new ArrayList<>();
    for (int i = 0; i < backups.size(); i++) {
      BackupObject backup = backups.get(i);
      boolean countAllows = settings.keepLast() == null || i >= settings.keepLast();
      boolean ageAllows =
          settings.maxAge() == null || backup.age(now).compareTo(settings.maxAge()) >= 0;
      // Index 0 is the newest backup and sound (checked above): it always stays.
      boolean delete = i > 0 && countAllows && ageAllows;
      (delete ? deletions : kept).add(backup);
    }
    return new RetentionPlan(
        listing.bucket(),
        deletions,
        kept,
        settings.describe() + ": " + deletions.size() + " of " + backups.size() + " to delete",
        false);
  }
}
