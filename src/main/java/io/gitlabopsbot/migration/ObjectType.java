package io.gitlabopsbot.migration;

/**
 * The kinds of GitLab data the migration moves to S3 before the backup, with everything the runbook
 * needs to know about each on an Omnibus host. Uploads, artifacts and LFS objects always move;
 * packages and Terraform state move when the instance uses them.
 */
public enum ObjectType {
  UPLOADS("uploads", "gitlab:uploads:migrate:all", "/var/opt/gitlab/gitlab-rails/uploads", true),
  ARTIFACTS(
      "artifacts",
      "gitlab:artifacts:migrate",
      "/var/opt/gitlab/gitlab-rails/shared/artifacts",
      true),
  LFS("lfs", "gitlab:lfs:migrate", "/var/opt/gitlab/gitlab-rails/shared/lfs-objects", true),
  PACKAGES(
      "packages", "gitlab:packages:migrate", "/var/opt/gitlab/gitlab-rails/shared/packages", false),
  TERRAFORM_STATE(
      "terraform_state",
      "gitlab:terraform_states:migrate",
      "/var/opt/gitlab/gitlab-rails/shared/terraform_state",
      false);

  private final String key;
  private final String migrateTask;
  private final String localDirectory;
  private final boolean alwaysMigrated;

  ObjectType(String key, String migrateTask, String localDirectory, boolean alwaysMigrated) {
    this.key = key;
    this.migrateTask = migrateTask;
    this.localDirectory = localDirectory;
    this.alwaysMigrated = alwaysMigrated;
  }

  /**
   * The name in {@code gitlab_rails['object_store']['objects'][…]} and, identically, in the
   * backup's {@code SKIP=} list.
   */
  public String key() {
    return key;
  }

  /** The rake task that copies this type's local files to object storage. */
  public String migrateTask() {
    return migrateTask;
  }

  /** Where Omnibus keeps this type by default; moved aside once migrated. */
  public String localDirectory() {
    return localDirectory;
  }

  /** Whether every migration moves this type (else only when the instance uses it). */
  public boolean alwaysMigrated() {
    return alwaysMigrated;
  }
}
