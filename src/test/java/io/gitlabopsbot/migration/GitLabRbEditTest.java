package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GitLabRbEditTest {

  private static GitLabRbOutcome.Edited edited(String text, ObjectStorageSettings settings) {
    GitLabRbOutcome outcome = GitLabRbEdit.apply(text, settings);
    assertThat(outcome).isInstanceOf(GitLabRbOutcome.Edited.class);
    return (GitLabRbOutcome.Edited) outcome;
  }

  private static String block(String text) {
    int begin = text.indexOf(GitLabRbBlock.BEGIN);
    int end = text.indexOf(GitLabRbBlock.END);
    assertThat(begin).isNotNegative();
    return text.substring(begin, end + GitLabRbBlock.END.length());
  }

  @Test
  void apply_toFreshInstall_appendsTheBlockAndKeepsEveryOtherLine() {
    String fresh = MigrationFixtures.freshGitLabRb();

    GitLabRbOutcome.Edited edited = edited(fresh, MigrationFixtures.coreSettings());

    assertThat(edited.changed()).isTrue();
    assertThat(edited.text()).startsWith(fresh + "\n" + GitLabRbBlock.BEGIN + "\n");
    assertThat(block(edited.text()))
        .isEqualTo(
            """
            # BEGIN gitlab-ops-bot object storage
            # Written by gitlab-ops-bot for the move to the Helm chart. Change these settings
            # through the bot: lines between BEGIN and END are replaced on its next run.
            gitlab_rails['object_store']['enabled'] = true
            gitlab_rails['object_store']['connection'] = {
              'provider' => 'AWS',
              'region' => 'eu-west-1',
              'use_iam_profile' => true
            }
            gitlab_rails['object_store']['objects']['uploads']['bucket'] = 'acme-gitlab-uploads'
            gitlab_rails['object_store']['objects']['artifacts']['bucket'] = 'acme-gitlab-artifacts'
            gitlab_rails['object_store']['objects']['lfs']['bucket'] = 'acme-gitlab-lfs'
            gitlab_rails['object_store']['objects']['packages']['enabled'] = false
            gitlab_rails['object_store']['objects']['terraform_state']['enabled'] = false
            gitlab_rails['object_store']['objects']['external_diffs']['enabled'] = false
            gitlab_rails['object_store']['objects']['dependency_proxy']['enabled'] = false
            gitlab_rails['object_store']['objects']['ci_secure_files']['enabled'] = false
            gitlab_rails['object_store']['objects']['pages']['enabled'] = false
            # END gitlab-ops-bot object storage""");
  }

  @Test
  void apply_showsOnlyTheBotsBlockWithItsLineNumbers() {
    String fresh = MigrationFixtures.freshGitLabRb();
    int first = (int) fresh.lines().count() + 2;

    GitLabRbOutcome.Edited edited = edited(fresh, MigrationFixtures.coreSettings());

    assertThat(edited.change())
        .startsWith(
            "/etc/gitlab/gitlab.rb: adds the bot's block as lines "
                + first
                + "-"
                + (first + 18)
                + "; no other line changes\n"
                + first
                + "  "
                + GitLabRbBlock.BEGIN
                + "\n")
        .contains(
            (first + 11)
                + "  gitlab_rails['object_store']['objects']['lfs']['bucket'] ="
                + " 'acme-gitlab-lfs'\n")
        .doesNotContain("nginx['redirect_http_to_https']");
  }

  @Test
  void apply_neverShowsTheLinesAroundTheBlock_whichMayHoldPasswords() {
    String handWritten =
        MigrationFixtures.freshGitLabRb()
            + "gitlab_rails['smtp_password'] = \"CANARY-smtp-password\"\n"
            + "gitlab_rails['db_password'] = 'CANARY-db-password'\n";
    String once = edited(handWritten, MigrationFixtures.coreSettings()).text();
    String before = "redis['password'] = \"CANARY-redis-password\"\n";
    String after = "gitlab_rails['ldap_servers'] = { 'main' => { 'password' => 'CANARY-ldap' } }\n";

    String added = edited(handWritten, MigrationFixtures.coreSettings()).change();
    String replaced =
        edited(
                before + once.replace(GitLabRbBlock.END, GitLabRbBlock.END + "\n" + after),
                MigrationFixtures.allSettings())
            .change();

    assertThat(added + replaced).doesNotContain("CANARY", "password");
    assertThat(replaced).contains("replaces the bot's block (was lines ");
  }

  @Test
  void apply_secondRun_changesNothing() {
    String once =
        edited(MigrationFixtures.freshGitLabRb(), MigrationFixtures.coreSettings()).text();

    GitLabRbOutcome.Edited twice = edited(once, MigrationFixtures.coreSettings());

    assertThat(twice.changed()).isFalse();
    assertThat(twice.change()).isEmpty();
    assertThat(twice.text()).isSameAs(once);
  }

  @Test
  void apply_whenBlockPresentWithOtherSettings_replacesOnlyTheBlock() {
    String once =
        edited(MigrationFixtures.freshGitLabRb(), MigrationFixtures.coreSettings()).text();
    String withTail = once + "gitlab_rails['time_zone'] = 'UTC'\n";

    GitLabRbOutcome.Edited edited = edited(withTail, MigrationFixtures.allSettings());

    assertThat(edited.text()).endsWith(GitLabRbBlock.END + "\ngitlab_rails['time_zone'] = 'UTC'\n");
    assertThat(edited.text().split(GitLabRbBlock.BEGIN, -1)).hasSize(2);
    assertThat(edited.change())
        .contains(
            "gitlab_rails['object_store']['objects']['packages']['bucket'] = 'acme-gitlab-packages'\n")
        .doesNotContain("time_zone");
  }

  @Test
  void apply_neverWritesAccessKeys() {
    String text = edited(MigrationFixtures.freshGitLabRb(), MigrationFixtures.allSettings()).text();

    assertThat(block(text))
        .doesNotContain("aws_access_key_id", "aws_secret_access_key")
        .contains("'use_iam_profile' => true");
  }

  @Test
  void apply_withS3CompatibleEndpoint_addsEndpointAndPathStyle() {
    ObjectStorageSettings minio =
        new ObjectStorageSettings(
            MigrationFixtures.coreSettings().buckets(),
            "acme-gitlab-backups",
            "us-east-1",
            java.util.Optional.of(java.net.URI.create("https://s3.internal.example:9000")),
            true);

    String block = block(edited("", minio).text());

    assertThat(block)
        .contains(
            "  'use_iam_profile' => true,\n"
                + "  'endpoint' => 'https://s3.internal.example:9000',\n"
                + "  'path_style' => true\n"
                + "}");
  }

  @Test
  void apply_keepsWindowsLineEndings() {
    String crlf = "external_url 'https://gitlab.example.com'\r\n";

    String text = edited(crlf, MigrationFixtures.coreSettings()).text();

    assertThat(text).startsWith(crlf + "\r\n" + GitLabRbBlock.BEGIN + "\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n");
    assertThat(edited(text, MigrationFixtures.coreSettings()).changed()).isFalse();
  }

  @Test
  void settings_keepTheBucketsOfEachTypeInEnumOrder() {
    ObjectStorageSettings settings = MigrationFixtures.allSettings();

    assertThat(settings.buckets().keySet())
        .containsExactly(
            ObjectType.UPLOADS,
            ObjectType.ARTIFACTS,
            ObjectType.LFS,
            ObjectType.PACKAGES,
            ObjectType.TERRAFORM_STATE);
    assertThat(Map.copyOf(settings.buckets())).containsEntry(ObjectType.LFS, "acme-gitlab-lfs");
  }
}
