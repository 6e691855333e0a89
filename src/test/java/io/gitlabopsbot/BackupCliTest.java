package io.gitlabopsbot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.storage.S3TestServer;
import io.gitlabopsbot.storage.TarFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup commands wired as the bot wires them (config → S3 client, Quartz on the store), driven
 * through the CLI against a real S3-compatible server.
 */
class BackupCliTest {

  private static final String KEY = "1795568403_2026_11_25_17.5.2_gitlab_backup.tar";
  private static S3TestServer s3;

  @TempDir Path dir;
  private Path config;
  private String bucket;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeAll
  static void startS3() {
    s3 = S3TestServer.start();
    // The bot takes AWS credentials from the default chain; system properties are part of it.
    System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
  }

  @AfterAll
  static void stopS3() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    s3.close();
  }

  @BeforeEach
  void writeConfig() throws IOException {
    bucket = s3.newBucket();
    s3.put(
        bucket,
        KEY,
        TarFiles.tar()
            .add("backup_information.yml", ":gitlab_version: 17.5.2\n:skipped: registry\n")
            .add("db/database.sql.gz", new byte[20_000])
            .bytes());
    config = dir.resolve("config.yaml");
    Files.writeString(
        config,
        """
        store: {jdbcUrl: "jdbc:h2:file:%s/store"}
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: %s}
        aws: {region: eu-west-1, endpointOverride: "%s"}
        backup:
          retention: {keepLast: 1}
        """
            .formatted(dir.toAbsolutePath(), bucket, s3.endpoint()));
  }

  @Test
  void backupListAndVerify_readTheBucketNamedByTheTarget() {
    assertThat(run("backup", "list")).isZero();
    assertThat(text()).contains("1795568403_2026_11_25_17.5.2").contains("17.5.2");

    out.reset();
    assertThat(run("backup", "verify", "1795568403_2026_11_25_17.5.2")).isZero();
    assertThat(text()).contains("17.5.2").contains("registry");
  }

  @Test
  void backupSchedule_isStoredAndShownByALaterRun() {
    assertThat(run("backup", "schedule", "set", "0 2 * * *", "--tz", "Europe/Berlin")).isZero();
    out.reset();

    assertThat(run("backup", "schedule", "show")).isZero();

    assertThat(text()).contains("0 2 * * *").contains("Europe/Berlin");
  }

  @Test
  void backupPrune_dryRun_deletesNothing() {
    assertThat(run("--dry-run", "backup", "prune")).isZero();

    assertThat(s3.exists(bucket, KEY)).isTrue();
  }

  private int run(String... words) {
    return CliRuns.run(config, out, words);
  }

  private String text() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
