package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitLabRbRefusalTest {

  private static GitLabRbOutcome.Refused refused(String text) {
    GitLabRbOutcome outcome = GitLabRbEdit.apply(text, MigrationFixtures.coreSettings());
    assertThat(outcome).isInstanceOf(GitLabRbOutcome.Refused.class);
    return (GitLabRbOutcome.Refused) outcome;
  }

  @Test
  void apply_whenHumanEnabledConsolidatedObjectStorage_refusesNamingTheLine() {
    String text =
        MigrationFixtures.freshGitLabRb()
            .replace(
                "# gitlab_rails['object_store']['enabled'] = false",
                "gitlab_rails['object_store']['enabled'] = true");
    int line = text.lines().toList().indexOf("gitlab_rails['object_store']['enabled'] = true") + 1;

    GitLabRbOutcome.Refused refused = refused(text);

    assertThat(refused.lines()).containsExactly(line);
    assertThat(refused.message())
        .startsWith("/etc/gitlab/gitlab.rb was not changed: it already sets object storage")
        .endsWith("(line " + line + ").");
  }

  @Test
  void apply_whenLegacyPerTypeKeysAreSet_listsEveryLineButLeavesBackupUploadAlone() {
    String text =
        "external_url 'https://gitlab.example.com'\n"
            + "gitlab_rails['artifacts_object_store_enabled'] = true\n"
            + "# gitlab_rails['lfs_object_store_enabled'] = true\n"
            + "  gitlab_rails[\"uploads_object_store_remote_directory\"] = \"uploads\"\n"
            + "gitlab_rails['backup_upload_remote_directory'] = 'old-backups'\n"
            + "gitlab_rails['backup_keep_time'] = 604800\n";

    GitLabRbOutcome.Refused refused = refused(text);

    assertThat(refused.lines()).containsExactly(2, 4);
    assertThat(refused.message()).contains("(lines 2, 4)");
  }

  @Test
  void apply_whenHumanSettingFollowsTheBotsBlock_stillRefuses() {
    String once =
        ((GitLabRbOutcome.Edited)
                GitLabRbEdit.apply(
                    MigrationFixtures.freshGitLabRb(), MigrationFixtures.coreSettings()))
            .text();
    String text = once + "gitlab_rails['object_store']['proxy_download'] = true\n";

    assertThat(refused(text).lines()).containsExactly((int) text.lines().count());
  }

  @Test
  void apply_whenEndMarkerMissing_refusesNamingTheBeginLine() {
    String text = "external_url 'https://gitlab.example.com'\n" + GitLabRbBlock.BEGIN + "\n";

    GitLabRbOutcome.Refused refused = refused(text);

    assertThat(refused.lines()).containsExactly(2);
    assertThat(refused.message()).contains("markers are damaged");
  }

  @Test
  void apply_whenTwoBlocks_refusesNamingAllMarkers() {
    String block = GitLabRbBlock.BEGIN + "\n" + GitLabRbBlock.END + "\n";

    assertThat(refused(block + block).lines()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void settings_rejectValuesThatCouldBreakOutOfRubyStrings() {
    Map<ObjectType, String> buckets =
        Map.of(
            ObjectType.UPLOADS, "uploads'; system('id') #",
            ObjectType.ARTIFACTS, "acme-artifacts",
            ObjectType.LFS, "acme-lfs");

    assertThatThrownBy(() -> ObjectStorageSettings.aws(buckets, "acme-backups", "eu-west-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bucket for uploads")
        .hasMessageContaining("not a valid S3 bucket name");
    assertThatThrownBy(
            () ->
                new ObjectStorageSettings(
                    MigrationFixtures.coreSettings().buckets(),
                    "acme-backups",
                    "eu-west-1",
                    Optional.of(URI.create("https://key:secret@s3.example.com")),
                    false))
        .hasMessageContaining("no credentials");
    assertThatThrownBy(
            () ->
                ObjectStorageSettings.aws(
                    MigrationFixtures.coreSettings().buckets(), "acme-backups", "eu west"))
        .hasMessageContaining("region");
  }

  @Test
  void settings_requireTheThreeCoreTypes() {
    Map<ObjectType, String> noLfs =
        Map.of(ObjectType.UPLOADS, "acme-uploads", ObjectType.ARTIFACTS, "acme-artifacts");

    assertThatThrownBy(() -> ObjectStorageSettings.aws(noLfs, "acme-backups", "eu-west-1"))
        .hasMessage(
            "object storage: no bucket for lfs; uploads, artifacts and lfs always move to S3");
  }
}
