package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sudoers file the end-to-end tests install is the one operators read: the page shows it
 * unchanged, and the README points to the page.
 */
class MigrationSudoersDocTest {

  @Test
  void sudoersPage_showsTheInstalledFileUnchanged() throws Exception {
    String file = Files.readString(OmnibusHostSudo.SUDOERS_SOURCE);
    String page = Files.readString(Path.of("docs", "migration-sudoers.md"));

    assertThat(file).contains(OmnibusHostSudo.USER + " ALL = (root) NOPASSWD:");
    assertThat(page).contains("```sudoers\n" + file + "```");
    assertThat(file).doesNotContain("NOPASSWD: ALL", "NOPASSWD:ALL");
  }

  @Test
  void readme_linksTheSudoersPage() throws Exception {
    assertThat(Files.readString(Path.of("README.md"))).contains("(docs/migration-sudoers.md)");
  }
}
