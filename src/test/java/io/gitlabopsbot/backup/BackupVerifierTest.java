package io.gitlabopsbot.backup;

import static io.gitlabopsbot.backup.BackupCatalogTest.DAY;
import static io.gitlabopsbot.backup.BackupCatalogTest.T0;
import static io.gitlabopsbot.backup.BackupCatalogTest.key;
import static io.gitlabopsbot.storage.TarFiles.tar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.storage.CountingBackupStore;
import io.gitlabopsbot.storage.S3BackupStore;
import io.gitlabopsbot.storage.SharedS3Server;
import io.gitlabopsbot.store.MutableClock;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackupVerifierTest {

  @RegisterExtension static final SharedS3Server s3 = new SharedS3Server();
  private CountingBackupStore store;
  private BackupVerifier verifier;
  private String bucket;

  @BeforeEach
  void setUp() {
    bucket = s3.server().newBucket();
    store = new CountingBackupStore(new S3BackupStore(s3.client()));
    verifier =
        new BackupVerifier(
            new BackupCatalog(store, new MutableClock(Instant.ofEpochSecond(T0 + 60))), store);
  }

  private static byte[] goodArchive() {
    return tar()
        .add("./backup_information.yml", BackupInformationTest.fixture())
        .add("./db/database.sql.gz", new byte[2048])
        .bytes();
  }

  @Test
  void verify_whenArchiveIsSound_reportsVersionTimeAndSkippedParts() {
    s3.server().put(bucket, key(T0), goodArchive());

    VerifyResult result = verifier.verify(bucket, String.valueOf(T0));

    assertThat(result)
        .isInstanceOfSatisfying(
            VerifyResult.Verified.class,
            v -> {
              assertThat(v.information().gitlabVersion()).isEqualTo("17.5.2");
              assertThat(v.information().skipped()).containsExactly("registry");
              assertThat(v.information().createdAt())
                  .isEqualTo(Instant.parse("2026-11-25T01:00:07Z"));
              assertThat(v.warnings()).isEmpty();
            });
    assertThat(store.rangeReads()).isEqualTo(2);
  }

  @Test
  void verify_whenYmlComesAfterAFiveMebibyteEntry_readsOnlyHeadersAndTheYml() {
    byte[] archive =
        tar()
            .add("./repositories.tar", new byte[5 * 1024 * 1024])
            .add("./backup_information.yml", BackupInformationTest.fixture())
            .bytes();
    s3.server().put(bucket, key(T0), archive);

    VerifyResult result = verifier.verify(bucket, key(T0));

    assertThat(result).isInstanceOf(VerifyResult.Verified.class);
    assertThat(store.rangeReads()).isEqualTo(3);
    assertThat(store.bytesRead()).isLessThan(2048).isLessThan(archive.length / 1000);
  }

  @Test
  void verify_whenObjectIsEmpty_isAProblem() {
    s3.server().put(bucket, key(T0), new byte[0]);

    assertThat(verifier.verify(bucket, String.valueOf(T0)))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class,
            p ->
                assertThat(p.reason())
                    .contains("is empty (0 bytes)")
                    .contains("take a new backup"));
    assertThat(store.rangeReads()).isZero();
  }

  @Test
  void verify_whenUploadWasCutOff_isAProblem() {
    byte[] archive = goodArchive();
    s3.server().put(bucket, key(T0), Arrays.copyOf(archive, 1000));

    assertThat(verifier.verify(bucket, String.valueOf(T0)))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class,
            p -> assertThat(p.reason()).contains("1000 bytes, not a multiple of 512"));
  }

  @Test
  void verify_whenTruncatedOnABlockBoundary_isDamaged() {
    byte[] archive =
        tar()
            .add("./db/database.sql.gz", new byte[8192])
            .add("./backup_information.yml", "x")
            .bytes();
    s3.server().put(bucket, key(T0), Arrays.copyOf(archive, 4096));

    assertThat(verifier.verify(bucket, String.valueOf(T0)))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class,
            p -> assertThat(p.reason()).contains("is damaged: the archive is truncated"));
  }

  @Test
  void verify_whenTheYmlIsMissing_saysSo() {
    s3.server().put(bucket, key(T0), tar().add("./db/database.sql.gz", new byte[100]).bytes());

    assertThat(verifier.verify(bucket, String.valueOf(T0)))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class,
            p ->
                assertThat(p.reason())
                    .contains("cannot be confirmed: backup_information.yml is not in the archive"));
  }

  @Test
  void verify_whenMuchSmallerThanThoseBefore_isAProblem() {
    for (int i = 1; i <= 3; i++) {
      s3.server().put(bucket, key(T0 - i * DAY), tar().add("./big", new byte[100_000]).bytes());
    }
    s3.server().put(bucket, key(T0), goodArchive());

    assertThat(verifier.verify(bucket, String.valueOf(T0)))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class, p -> assertThat(p.reason()).contains("suspiciously small"));
  }

  @Test
  void verify_whenIdIsUnknownOrMalformed_nothingIsRead() {
    s3.server().put(bucket, key(T0), goodArchive());

    assertThat(verifier.verify(bucket, "1700000000_2023_11_14_16.0.0"))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class, p -> assertThat(p.reason()).startsWith("no backup"));
    assertThat(verifier.verify(bucket, "last-night"))
        .isInstanceOfSatisfying(
            VerifyResult.Problem.class,
            p -> assertThat(p.reason()).startsWith("`last-night` is not a backup ID"));
    assertThat(store.rangeReads()).isZero();
  }

  @Test
  void verify_whenNameAndArchiveDisagreeOnVersion_warns() {
    s3.server().put(bucket, key(T0).replace("17.5.2", "17.6.0"), goodArchive());

    assertThat(verifier.verify(bucket, String.valueOf(T0)))
        .isInstanceOfSatisfying(
            VerifyResult.Verified.class,
            v ->
                assertThat(v.warnings())
                    .containsExactly("the archive says GitLab 17.5.2 but its name says 17.6.0"));
  }
}
