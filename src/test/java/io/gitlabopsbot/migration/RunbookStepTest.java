package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunbookStepTest {

  private static MigrationOptions core() {
    return new MigrationOptions(
        MigrationFixtures.coreSettings(), "20261125-0930", "gitlab", "gitlab");
  }

  private static MigrationOptions all() {
    return new MigrationOptions(
        MigrationFixtures.allSettings(), "20261125-0930", "gitlab", "gitlab");
  }

  @Test
  void steps_followTheRunbookOrder() {
    assertThat(List.of(RunbookStep.values()))
        .extracting(RunbookStep::id)
        .containsExactly("1-1", "1-2", "1-3", "1-4", "1-5", "2", "3-1", "3-2", "3-3");
  }

  @Test
  void ownApproval_isAskedForMovingAsideReplacingTheSecretAndRestoring() {
    assertThat(List.of(RunbookStep.values()))
        .filteredOn(RunbookStep::needsOwnApproval)
        .extracting(RunbookStep::id)
        .containsExactly("1-4", "3-1", "3-3");
  }

  @Test
  void hostStepsRunAsRootWithCommands_clusterStepsHaveNone() {
    for (RunbookStep step : RunbookStep.values()) {
      boolean host = step.location() == StepLocation.HOST;
      assertThat(step.asRoot()).as(step.id()).isEqualTo(host);
      assertThat(step.commands(core()).isEmpty()).as(step.id()).isEqualTo(!host);
      assertThat(step.defaultTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofHours(6));
    }
    assertThat(RunbookStep.byId("3-1").location()).isEqualTo(StepLocation.CLUSTER);
  }

  @Test
  void configureObjectStorage_copiesGitLabRbUnderTheRunIdBeforeWriting() {
    assertThat(RunbookStep.CONFIGURE_OBJECT_STORAGE.commands(core()))
        .containsExactly(
            List.of(
                "cp", "-p", "/etc/gitlab/gitlab.rb", "/etc/gitlab/gitlab.rb.20261125-0930.bak"));
    assertThat(RunbookStep.CONFIGURE_OBJECT_STORAGE.writesGitLabRb()).isTrue();
    assertThat(RunbookStep.RECONFIGURE.commands(core()))
        .containsExactly(List.of("gitlab-ctl", "reconfigure"));
  }

  @Test
  void migrateObjects_runsOneRakeTaskPerUsedType() {
    assertThat(RunbookStep.MIGRATE_OBJECTS.commands(core()))
        .containsExactly(
            List.of("gitlab-rake", "gitlab:uploads:migrate:all"),
            List.of("gitlab-rake", "gitlab:artifacts:migrate"),
            List.of("gitlab-rake", "gitlab:lfs:migrate"));
    assertThat(RunbookStep.MIGRATE_OBJECTS.commands(all()))
        .contains(
            List.of("gitlab-rake", "gitlab:packages:migrate"),
            List.of("gitlab-rake", "gitlab:terraform_states:migrate"))
        .hasSize(5);
  }

  @Test
  void backup_skipsExactlyTheMigratedTypes() {
    assertThat(RunbookStep.BACKUP.commands(core()))
        .containsExactly(
            List.of("gitlab-rake", "gitlab:backup:create", "SKIP=uploads,artifacts,lfs"));
    assertThat(RunbookStep.BACKUP.commands(all()))
        .containsExactly(
            List.of(
                "gitlab-rake",
                "gitlab:backup:create",
                "SKIP=uploads,artifacts,lfs,packages,terraform_state"));
  }

  @Test
  void moveAside_renamesEachMigratedDirectoryToBak() {
    assertThat(RunbookStep.MOVE_LOCAL_COPIES_ASIDE.commands(core()))
        .containsExactly(
            List.of(
                "mv",
                "--no-target-directory",
                "/var/opt/gitlab/gitlab-rails/uploads",
                "/var/opt/gitlab/gitlab-rails/uploads.bak"),
            List.of(
                "mv",
                "--no-target-directory",
                "/var/opt/gitlab/gitlab-rails/shared/artifacts",
                "/var/opt/gitlab/gitlab-rails/shared/artifacts.bak"),
            List.of(
                "mv",
                "--no-target-directory",
                "/var/opt/gitlab/gitlab-rails/shared/lfs-objects",
                "/var/opt/gitlab/gitlab-rails/shared/lfs-objects.bak"));
    assertThat(RunbookStep.MOVE_LOCAL_COPIES_ASIDE.idempotent()).isFalse();
  }

  @Test
  void options_rejectValuesThatCannotNameAFileOrARelease() {
    assertThatThrownBy(
            () ->
                new MigrationOptions(MigrationFixtures.coreSettings(), "../x", "gitlab", "gitlab"))
        .hasMessageContaining("run id `../x` is not valid");
    assertThatThrownBy(
            () -> new MigrationOptions(MigrationFixtures.coreSettings(), "r1", "GitLab", "gitlab"))
        .hasMessageContaining("Helm release `GitLab`");
    assertThat(core().railsSecretName()).isEqualTo("gitlab-rails-secret");
  }

  @Test
  void byId_whenUnknown_listsTheRange() {
    assertThatThrownBy(() -> RunbookStep.byId("4-1"))
        .hasMessage("no migration step 4-1; steps are 1-1 to 3-3");
  }
}
