package io.gitlabopsbot.backup;

import io.gitlabopsbot.message.SlackText;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name {@code backup-utility} gives an archive: {@code <epoch>_<YYYY_MM_DD>_<gitlab
 * version>_gitlab_backup.tar}. The part before {@code _gitlab_backup.tar} is the backup ID people
 * type, e.g. {@code 1795568403_2026_11_25_17.5.2}.
 *
 * @param epoch seconds since 1970 when the backup started
 * @param date the date written in the name
 * @param version the GitLab version, e.g. {@code 17.5.2} or {@code 17.5.2-ee}
 */
public record BackupName(long epoch, LocalDate date, String version) {

  public static final String SUFFIX = "_gitlab_backup.tar";

  private static final Pattern ID =
      Pattern.compile("(\\d{1,12})_(\\d{4})_(\\d{2})_(\\d{2})_(\\d+\\.\\d+\\.\\d+(?:-[a-z0-9]+)*)");
  private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");

  public BackupName {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(version, "version");
  }

  /** The name of a key in the bucket, or empty if the key is not a backup archive. */
  public static Optional<BackupName> fromKey(String key) {
    if (key == null || !key.endsWith(SUFFIX)) {
      return Optional.empty();
    }
    return parse(key.substring(0, key.length() - SUFFIX.length()));
  }

  /**
   * Parses a backup ID as a user typed it; the full file name is accepted too.
   *
   * @throws IllegalArgumentException with a message that quotes the input and shows the format
   */
  public static BackupName fromId(String typed) {
    String id =
        typed.endsWith(SUFFIX) ? typed.substring(0, typed.length() - SUFFIX.length()) : typed;
    return parse(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    SlackText.code(typed)
                        + " is not a backup ID: expected <epoch>_<YYYY>_<MM>_<DD>_<version>,"
                        + " e.g. `1795568403_2026_11_25_17.5.2`, or just the epoch"));
  }

  /** True when {@code typed} is only the epoch part of an ID. */
  public static boolean isEpoch(String typed) {
    return EPOCH.matcher(typed).matches();
  }

  private static Optional<BackupName> parse(String id) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate date =
          LocalDate.of(
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)));
      return Optional.of(new BackupName(Long.parseLong(m.group(1)), date, m.group(5)));
    } catch (DateTimeException e) {
      // A name like 123_2026_02_30_17.5.2 has the shape but no real date: not ours.
      return Optional.empty();
    }
  }

  /** The ID people type: everything before {@code _gitlab_backup.tar}. */
  public String id() {
    return epoch
        + "_"
        + String.format(
            "%04d_%02d_%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth())
        + "_"
        + version;
  }

  /** The object key {@code backup-utility} writes. */
  public String key() {
    return id() + SUFFIX;
  }

  /** When the backup started, from the epoch in its name. */
  public Instant createdAt() {
    return Instant.ofEpochSecond(epoch);
  }
}
