package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OmnibusHostFilesTest {

  private static final Duration WAIT = Duration.ofMillis(300);

  @TempDir Path base;

  @Test
  void claim_whenEtcGitlabWasNotCreatedByTheFixture_refusesAndTouchesNothing() throws Exception {
    Path realRb = Files.createDirectories(base.resolve("etc/gitlab")).resolve("gitlab.rb");
    Files.writeString(realRb, "external_url 'https://gitlab.acme.internal'\n");

    assertThatThrownBy(() -> OmnibusHostFiles.claim(base, "{}", "rb", WAIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(base.resolve("etc/gitlab") + " exists and was not created by")
        .hasMessageContaining("may run a real GitLab");
    assertThat(realRb).hasContent("external_url 'https://gitlab.acme.internal'");
    assertThat(base.resolve("var/opt/gitlab")).doesNotExist();
  }

  @Test
  void claim_afterARefusal_isNotBlockedByTheLock() throws Exception {
    Files.createDirectories(base.resolve("var/opt/gitlab"));
    assertThatThrownBy(() -> OmnibusHostFiles.claim(base, "{}", "rb", WAIT))
        .isInstanceOf(IllegalStateException.class);
    Files.delete(base.resolve("var/opt/gitlab"));

    try (OmnibusHostFiles files = OmnibusHostFiles.claim(base, "{}", "rb", WAIT)) {
      assertThat(files.path(OmnibusHostFiles.GITLAB_RB)).hasContent("rb");
    }
  }

  @Test
  void claim_replacesTheLeftoversOfAnEarlierRun_andCloseRemovesEverything() throws Exception {
    Path leftover = Files.createDirectories(base.resolve("var/opt/gitlab/backups"));
    Files.writeString(base.resolve("var/opt/gitlab/" + OmnibusHostFiles.MARKER), "");
    Files.writeString(leftover.resolve("1_2026_01_01_17.5.2_gitlab_backup.tar"), "old");

    OmnibusHostFiles files = OmnibusHostFiles.claim(base, "{\"a\":1}", "rb", WAIT);

    assertThat(files.backups()).isEmpty();
    assertThat(files.path(OmnibusHostFiles.SECRETS)).hasContent("{\"a\":1}");
    assertThat(Files.getPosixFilePermissions(files.path(OmnibusHostFiles.SECRETS)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(OmnibusHostFiles.LOCAL_DIRECTORIES)
        .allSatisfy(d -> assertThat(files.path(d)).isDirectory());
    assertThat(files.path(OmnibusHostFiles.VERSION)).hasContent("17.5.2-ee");
    files.close();
    assertThat(base.resolve("etc/gitlab")).doesNotExist();
    assertThat(base.resolve("var/opt/gitlab")).doesNotExist();
    assertThat(base.resolve("opt")).as("created by the fixture, so removed").doesNotExist();
  }

  @Test
  void claim_whileAnotherFixtureHoldsThePaths_waitsBoundedThenSaysWhy() {
    try (OmnibusHostFiles first = OmnibusHostFiles.claim(base, "{}", "rb", WAIT)) {
      assertThatThrownBy(() -> OmnibusHostFiles.claim(base, "{}", "rb", WAIT))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another OmnibusHostServer")
          .hasMessageContaining("PT0.3S");
      assertThat(first.path(OmnibusHostFiles.GITLAB_RB)).exists();
    }
  }
}
