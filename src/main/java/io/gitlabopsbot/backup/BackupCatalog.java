package io.gitlabopsbot.backup;

import io.gitlabopsbot.message.SlackText;
import io.gitlabopsbot.storage.BackupStore;
import io.gitlabopsbot.storage.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The backups in a bucket, newest first, with size flags, and the lookup of a user-typed ID.
 * Objects whose names are not backup archives are left out of the list but counted.
 */
public final class BackupCatalog {

  /** How many older backups the size of each one is compared with. */
  public static final int SIZE_WINDOW = 10;

  private final BackupStore store;
  private final Clock clock;

  public BackupCatalog(BackupStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Lists the bucket now. */
  /** When the newest backup in {@code bucket} was made (for {@code /gitlab status}). */
  public Optional<Instant> newest(String bucket) {
    return list(bucket).newestFirst().stream().findFirst().map(b -> b.name().createdAt());
  }

  /** Whether {@code bucket} holds a backup made at or after {@code since}. */
  public boolean anySince(String bucket, Instant since) {
    return list(bucket).newestFirst().stream().anyMatch(b -> !b.name().createdAt().isBefore(since));
  }

  public BackupListing list(String bucket) {
    List<StoredObject> objects = store.list(bucket);
    List<String> ignored = new ArrayList<>();
    List<Named> named = new ArrayList<>();
    for (StoredObject object : objects) {
      Optional<BackupName> name = BackupName.fromKey(object.key());
      if (name.isPresent()) {
        named.add(new Named(name.get(), object));
      } else {
        ignored.add(object.key());
      }
    }
    named.sort(
        Comparator.comparingLong((Named n) -> n.name().epoch())
            .thenComparing(n -> n.object().key())
            .reversed());
    return new BackupListing(bucket, flag(named), ignored, clock.instant());
  }

  /** Finds the one backup a user means, by full ID, file name, or epoch alone. */
  public Resolution resolve(String bucket, String typed) {
    return resolve(list(bucket), typed);
  }

  /** Like {@link #resolve(String, String)} on a listing already taken. */
  public static Resolution resolve(BackupListing listing, String typed) {
    String wanted = typed.strip();
    List<BackupObject> matches;
    if (BackupName.isEpoch(wanted)) {
      long epoch = Long.parseLong(wanted);
      matches = listing.newestFirst().stream().filter(b -> b.name().epoch() == epoch).toList();
    } else {
      BackupName name;
      try {
        name = BackupName.fromId(wanted);
      } catch (IllegalArgumentException e) {
        return new Resolution.Unresolved(e.getMessage());
      }
      matches = listing.newestFirst().stream().filter(b -> b.name().equals(name)).toList();
    }
    if (matches.size() == 1) {
      return new Resolution.Found(matches.get(0));
    }
    if (matches.size() > 1) {
      return new Resolution.Unresolved(
          "epoch "
              + SlackText.code(wanted)
              + " matches "
              + matches.size()
              + " backups ("
              + String.join(", ", matches.stream().map(BackupObject::id).toList())
              + "); type the full ID");
    }
    List<String> newest = listing.newestIds(3);
    return new Resolution.Unresolved(
        "no backup "
            + SlackText.code(wanted)
            + " in s3://"
            + listing.bucket()
            + (newest.isEmpty()
                ? "; the bucket holds no backups yet"
                : "; the newest are "
                    + String.join(", ", newest.stream().map(id -> "`" + id + "`").toList())));
  }

  private static List<BackupObject> flag(List<Named> newestFirst) {
    List<BackupObject> flagged = new ArrayList<>(newestFirst.size());
    for (int i = 0; i < newestFirst.size(); i++) {
      Named current = newestFirst.get(i);
      long median =
          median(
              newestFirst.subList(i + 1, Math.min(newestFirst.size(), i + 1 + SIZE_WINDOW)).stream()
                  .mapToLong(n -> n.object().size())
                  .filter(size -> size > 0)
                  .sorted()
                  .toArray());
      long size = current.object().size();
      BackupObject.Health health =
          size == 0
              ? BackupObject.Health.EMPTY
              : median > 0 && size * 2 < median
                  ? BackupObject.Health.SUSPICIOUSLY_SMALL
                  : BackupObject.Health.OK;
      flagged.add(
          new BackupObject(
              current.name(),
              current.object().key(),
              size,
              current.object().lastModified(),
              health,
              median));
    }
    return flagged;
  }

  private static long median(long[] sorted) {
    if (sorted.length == 0) {
      return 0;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2;
  }

  private record Named(BackupName name, StoredObject object) {}

  /** The outcome of looking up a typed ID. */
  public sealed interface Resolution {

    /** Exactly one backup matched. */
    record Found(BackupObject backup) implements Resolution {}

    /** None or several matched, or the input is not an ID; {@code reason} says which. */
    record Unresolved(String reason) implements Resolution {}
  }
}
