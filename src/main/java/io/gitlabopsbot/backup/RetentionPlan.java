package io.gitlabopsbot.backup;

import java.util.List;
import java.util.Objects;

/**
 * Which backups retention would delete, and why.
 *
 * @param deletions oldest last, as listed
 * @param kept the backups that stay
 * @param explanation one sentence: the rule applied, or why nothing is deleted
 * @param refused true when retention declined to run because the state of the bucket is unclear
 */
public record RetentionPlan(
    String bucket,
    List<BackupObject> deletions,
    List<BackupObject> kept,
    String explanation,
    boolean refused) {

  public RetentionPlan {
    Objects.requireNonNull(bucket, "bucket");
    deletions = List.copyOf(deletions);
    kept = List.copyOf(kept);
    Objects.requireNonNull(explanation, "explanation");
  }

  static RetentionPlan refuse(BackupListing listing, String why) {
    return new RetentionPlan(listing.bucket(), List.of(), listing.newestFirst(), why, true);
  }
}
