package io.gitlabopsbot.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.storage.S3BackupStore;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupCatalogTest {

  static final long DAY = 86_400;
  static final long T0 = 1_795_568_403L; // 2026-11-25T01:00:03Z

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(T0 + 3600));
  private BackupCatalog catalog;
  private String bucket;

  @BeforeEach
  void setUp() {
    bucket = s3.server().newBucket();
    catalog = new BackupCatalog(new S3BackupStore(s3.client()), clock);
  }

  static String key(long epoch) {
    java.time.LocalDate date =
        Instant.ofEpochSecond(epoch).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    return new BackupName(epoch, date, "17.5.2").key();
  }

  @Test
  void list_isNewestFirst_withAges_andCountsOtherObjects() {
    s3.server().put(bucket, key(T0 - 2 * DAY), new byte[1024]);
    s3.server().put(bucket, key(T0), new byte[1024]);
    s3.server().put(bucket, key(T0 - DAY), new byte[1024]);
    s3.server().put(bucket, "README.txt", new byte[3]);

    BackupListing listing = catalog.list(bucket);

    assertThat(listing.newestFirst())
        .extracting(b -> b.name().epoch())
        .containsExactly(T0, T0 - DAY, T0 - 2 * DAY);
    assertThat(listing.ignoredKeys()).containsExactly("README.txt");
    assertThat(listing.newestFirst().get(0).age(listing.listedAt())).isEqualTo(Duration.ofHours(1));
    assertThat(listing.newestFirst()).allMatch(b -> b.health() == BackupObject.Health.OK);
  }

  @Test
  void list_flagsEmptyAndSuspiciouslySmallAgainstTheMedianOfOlderOnes() {
    for (int i = 1; i <= 12; i++) {
      s3.server().put(bucket, key(T0 - (i + 2) * DAY), new byte[10_000 + i]);
    }
    s3.server().put(bucket, key(T0 - 2 * DAY), new byte[0]);
    s3.server().put(bucket, key(T0 - DAY), new byte[4_000]);
    s3.server().put(bucket, key(T0), new byte[6_000]);

    var backups = catalog.list(bucket).newestFirst();

    assertThat(backups.get(0).health()).isEqualTo(BackupObject.Health.OK); // 6000 vs median 10001
    assertThat(backups.get(1).health()).isEqualTo(BackupObject.Health.SUSPICIOUSLY_SMALL);
    assertThat(backups.get(1).flagText()).contains("3.9 KiB").contains("9.8 KiB");
    assertThat(backups.get(2).health()).isEqualTo(BackupObject.Health.EMPTY);
    assertThat(backups.subList(3, backups.size())).allMatch(b -> !b.health().flagged());
  }

  @Test
  void resolve_byEpochAlone_findsTheOneBackup() {
    s3.server().put(bucket, key(T0), new byte[512]);

    var resolution = catalog.resolve(bucket, String.valueOf(T0));

    assertThat(resolution)
        .isInstanceOfSatisfying(
            BackupCatalog.Resolution.Found.class,
            f -> assertThat(f.backup().key()).isEqualTo(key(T0)));
  }

  @Test
  void resolve_whenUnknown_listsTheThreeNewestIds() {
    for (int i = 0; i < 4; i++) {
      s3.server().put(bucket, key(T0 - i * DAY), new byte[512]);
    }

    var resolution = catalog.resolve(bucket, "1700000000_2023_11_14_16.0.0");

    assertThat(resolution)
        .isInstanceOfSatisfying(
            BackupCatalog.Resolution.Unresolved.class,
            u ->
                assertThat(u.reason())
                    .startsWith("no backup `1700000000_2023_11_14_16.0.0` in s3://" + bucket)
                    .contains(key(T0).replace("_gitlab_backup.tar", ""))
                    .contains(key(T0 - 2 * DAY).replace("_gitlab_backup.tar", ""))
                    .doesNotContain(key(T0 - 3 * DAY).replace("_gitlab_backup.tar", "")));
  }

  @Test
  void resolve_whenEpochMatchesTwo_asksForTheFullId() {
    s3.server().put(bucket, key(T0), new byte[512]);
    s3.server().put(bucket, key(T0).replace("17.5.2", "17.5.2-ee"), new byte[512]);

    var resolution = catalog.resolve(bucket, String.valueOf(T0));

    assertThat(resolution)
        .isInstanceOfSatisfying(
            BackupCatalog.Resolution.Unresolved.class,
            u -> assertThat(u.reason()).contains("matches 2 backups").contains("type the full ID"));
  }

  @Test
  void resolve_whenNotAnId_explainsTheFormat() {
    var resolution = catalog.resolve(bucket, "latest");

    assertThat(resolution)
        .isInstanceOfSatisfying(
            BackupCatalog.Resolution.Unresolved.class,
            u -> assertThat(u.reason()).startsWith("`latest` is not a backup ID"));
  }
}
