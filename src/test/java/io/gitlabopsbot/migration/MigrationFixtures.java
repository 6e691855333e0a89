package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Settings and files shared by the gitlab.rb and runbook tests. */
final class MigrationFixtures {

  private MigrationFixtures() {}

  /** The core three types on AWS S3 in eu-west-1. */
  static ObjectStorageSettings coreSettings() {
    return ObjectStorageSettings.aws(
        Map.of(
            ObjectType.UPLOADS, "acme-gitlab-uploads",
            ObjectType.ARTIFACTS, "acme-gitlab-artifacts",
            ObjectType.LFS, "acme-gitlab-lfs"),
        "acme-gitlab-backups",
        "eu-west-1");
  }

  /** Every type, packages and Terraform state included. */
  static ObjectStorageSettings allSettings() {
    return ObjectStorageSettings.aws(
        Map.of(
            ObjectType.UPLOADS, "acme-gitlab-uploads",
            ObjectType.ARTIFACTS, "acme-gitlab-artifacts",
            ObjectType.LFS, "acme-gitlab-lfs",
            ObjectType.PACKAGES, "acme-gitlab-packages",
            ObjectType.TERRAFORM_STATE, "acme-gitlab-terraform-state"),
        "acme-gitlab-backups",
        "eu-west-1");
  }

  /** A gitlab.rb as a fresh Omnibus install leaves it: defaults commented out. */
  static String freshGitLabRb() {
    try (InputStream in =
        MigrationFixtures.class.getResourceAsStream("/migration/gitlab.rb.fresh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
