package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.backup.BackupInformation;
import io.gitlabopsbot.ssh.CommandResult;
import io.gitlabopsbot.ssh.JschRemoteHost;
import io.gitlabopsbot.ssh.OutputListener;
import io.gitlabopsbot.ssh.RemoteCommand;
import io.gitlabopsbot.ssh.SshException;
import io.gitlabopsbot.ssh.SshSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OmnibusHostServerTest {

  // The backup as the runbook runs it: the sudoers file allows no other SKIP list.
  private static final String SKIP = "SKIP=uploads,artifacts,lfs";
  private static final Pattern ARCHIVE =
      Pattern.compile("Creating backup archive: (\\S+_gitlab_backup\\.tar) \\.\\.\\. done");

  private OmnibusHostServer server;
  private JschRemoteHost host;

  @BeforeAll
  void startServer() {
    server = OmnibusHostServer.start();
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void connect() {
    server.reset();
    host = new JschRemoteHost(server.settings());
  }

  @AfterEach
  void disconnect() {
    host.close();
  }

  @Test
  void gitlabCtlStatus_runsAsRootThroughTheRealSudo_andIsRecorded() {
    CommandResult result =
        host.run(RemoteCommand.asRoot("gitlab-ctl", "status"), OutputListener.ignore());

    assertThat(result.succeeded()).as(result.tail()).isTrue();
    assertThat(result.tail()).contains("run: puma: (pid 1) 100s");
    assertThat(server.calls()).containsExactly(List.of("gitlab-ctl", "status"));
  }

  @Test
  void loginUser_isNotRoot() {
    CommandResult result = host.run(RemoteCommand.of("id", "-un"), OutputListener.ignore());

    assertThat(result.tail()).isEqualTo(OmnibusHostSudo.USER).isNotEqualTo("root");
  }

  @Test
  void aRootCommandTheSudoersFileDoesNotList_isRefusedBySudo_andNotRun() {
    CommandResult restore =
        host.run(
            RemoteCommand.asRoot("gitlab-rake", "gitlab:backup:restore"), OutputListener.ignore());
    CommandResult secrets =
        host.run(
            RemoteCommand.asRoot("cat", "--", OmnibusHostServer.SECRETS), OutputListener.ignore());
    CommandResult extraArgument =
        host.run(
            RemoteCommand.asRoot("gitlab-ctl", "status", "--verbose"), OutputListener.ignore());

    for (CommandResult refused : List.of(restore, secrets, extraArgument)) {
      assertThat(refused.succeeded()).as(refused.tail()).isFalse();
      assertThat(refused.tail()).contains("sudo:");
    }
    assertThat(server.calls()).isEmpty();
  }

  @Test
  void readText_returnsTheSeededFilesAtTheirRealPaths() {
    // The sizes the runbook reads with: the sudoers file allows exactly those.
    assertThat(host.readText(OmnibusHostServer.GITLAB_RB, 1 << 20))
        .isEqualTo(MigrationFixtures.freshGitLabRb());
    assertThat(host.readText(OmnibusHostServer.SECRETS, 512 * 1024))
        .isEqualTo(SecretFixtures.validJson());
  }

  @Test
  void backupCreate_writesARealTarThatStreamsIntactThroughTheSshPort() throws Exception {
    CommandResult result =
        host.run(
            RemoteCommand.asRoot("gitlab-rake", "gitlab:backup:create", SKIP),
            OutputListener.ignore());
    assertThat(result.succeeded()).as(result.tail()).isTrue();
    Matcher archive = ARCHIVE.matcher(result.tail());
    assertThat(archive.find()).as(result.tail()).isTrue();
    String name = archive.group(1);
    String id = name.substring(0, name.length() - "_gitlab_backup.tar".length());
    assertThat(result.tail()).contains("Backup " + id + " is done.");
    String path = OmnibusHostServer.BACKUPS + "/" + name;

    byte[] streamed;
    try (InputStream in = host.open(path)) {
      streamed = in.readAllBytes();
    }
    CommandResult sum = host.run(RemoteCommand.asRoot("sha256sum", path), OutputListener.ignore());

    assertThat(server.backups()).containsExactly(Path.of(path));
    assertThat(host.size(path)).isEqualTo(streamed.length).isEqualTo(Files.size(Path.of(path)));
    assertThat(streamed.length).isGreaterThan(256 * 1024);
    assertThat(sum.tail()).isEqualTo(sha256(streamed) + "  " + path);
    BackupInformation information =
        BackupInformation.parse(entry(streamed, "backup_information.yml"));
    assertThat(information.skipped()).containsExactly("uploads", "artifacts", "lfs");
    assertThat(information.gitlabVersion()).isEqualTo("17.5.2");
  }

  @Test
  void failNext_failsTheNextCallOnly_withItsStatusAndMessage() {
    server.failNext("gitlab-rake", 3, "rake aborted!");
    RemoteCommand migrate = RemoteCommand.asRoot("gitlab-rake", "gitlab:lfs:migrate");

    CommandResult failed = host.run(migrate, OutputListener.ignore());
    CommandResult again = host.run(migrate, OutputListener.ignore());

    assertThat(failed).isEqualTo(new CommandResult.Exited(3, "rake aborted!", false));
    assertThat(again.succeeded()).as(again.tail()).isTrue();
    assertThat(again.tail()).contains("Migrated 3 LFS objects");
    assertThat(server.calls()).filteredOn(call -> call.get(0).equals("gitlab-rake")).hasSize(2);
  }

  @Test
  void failNextWithNoSpace_forOneTask_leavesOtherTasksAlone_andReportsAFullDisk() {
    server.failNextWithNoSpace("gitlab-rake gitlab:backup:create");

    CommandResult migrate =
        host.run(
            RemoteCommand.asRoot("gitlab-rake", "gitlab:artifacts:migrate"),
            OutputListener.ignore());
    CommandResult backup =
        host.run(
            RemoteCommand.asRoot("gitlab-rake", "gitlab:backup:create", SKIP),
            OutputListener.ignore());

    assertThat(migrate.succeeded()).as(migrate.tail()).isTrue();
    assertThat(backup)
        .isInstanceOfSatisfying(
            CommandResult.Exited.class,
            exited -> {
              assertThat(exited.exitCode()).isEqualTo(1);
              assertThat(exited.noSpaceLeft()).isTrue();
            });
    assertThat(server.backups()).isEmpty();
  }

  @Test
  void hangNext_makesTheCommandOutlastItsTimeout() {
    server.hangNext("gitlab-ctl reconfigure", Duration.ofSeconds(30));

    CommandResult result =
        host.run(
            RemoteCommand.asRoot("gitlab-ctl", "reconfigure"),
            Duration.ofMillis(700),
            OutputListener.ignore());

    assertThat(result).isInstanceOf(CommandResult.TimedOut.class);
  }

  @Test
  void reconfigure_recreatesALocalDirectoryThatWasMovedAside() {
    String uploads = OmnibusHostServer.LOCAL_DIRECTORIES.get(0);
    CommandResult moved =
        host.run(
            RemoteCommand.asRoot("mv", "--no-target-directory", uploads, uploads + ".bak"),
            OutputListener.ignore());
    assertThat(moved.succeeded()).as(moved.tail()).isTrue();
    assertThat(Path.of(uploads)).doesNotExist();

    CommandResult result =
        host.run(RemoteCommand.asRoot("gitlab-ctl", "reconfigure"), OutputListener.ignore());

    assertThat(result.succeeded()).as(result.tail()).isTrue();
    assertThat(result.tail()).contains("create new directory " + uploads, "gitlab Reconfigured!");
    assertThat(Path.of(uploads)).isEmptyDirectory();
    assertThat(Path.of(uploads + ".bak/-/system/user/avatar/1/avatar.png")).exists();
  }

  @Test
  void restartWithNewHostKey_isRefusedByTheOldPin_andAcceptedWithTheNewOne() {
    SshSettings pinnedBefore = server.settings();

    server.restartWithNewHostKey();

    try (JschRemoteHost old = new JschRemoteHost(pinnedBefore)) {
      assertThatThrownBy(() -> old.run(RemoteCommand.of("true"), OutputListener.ignore()))
          .isInstanceOf(SshException.ChangedHostKey.class)
          .hasMessageContaining("[127.0.0.1]:" + server.port());
    }
    try (JschRemoteHost renewed = new JschRemoteHost(server.settings())) {
      assertThat(renewed.run(RemoteCommand.of("true"), OutputListener.ignore()).succeeded())
          .isTrue();
    }
    assertThat(server.calls()).isEmpty();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String entry(byte[] tar, String name) throws Exception {
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name) || e.getName().equals("./" + name)) {
          ByteArrayOutputStream content = new ByteArrayOutputStream();
          in.transferTo(content);
          return content.toString(StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name + " is not in the archive");
  }
}
