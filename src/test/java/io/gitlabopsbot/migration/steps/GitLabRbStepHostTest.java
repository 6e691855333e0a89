package io.gitlabopsbot.migration.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.migration.MigrationOptions;
import io.gitlabopsbot.migration.ObjectStorageSettings;
import io.gitlabopsbot.migration.ObjectType;
import io.gitlabopsbot.migration.OmnibusHostServer;
import io.gitlabopsbot.migration.StepContext;
import io.gitlabopsbot.ssh.JschRemoteHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Step 1-1 on a real sshd playing the Omnibus host: the new gitlab.rb is never readable by anyone
 * but its owner, not for a moment while it is written, and not when the connection drops mid-way.
 * The test runs on the same machine as the host, so it watches the file directly.
 */
class GitLabRbStepHostTest {

  private static final Path GITLAB_RB = Path.of("/etc/gitlab/gitlab.rb");
  private static final Path NEW = Path.of("/etc/gitlab/gitlab.rb.gitlab-ops-bot.new");
  private static final Set<PosixFilePermission> OTHERS =
      Set.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE);

  private static OmnibusHostServer host;

  private final List<String> seenOpen = new CopyOnWriteArrayList<>();
  private final AtomicBoolean watching = new AtomicBoolean(true);
  private CompletableFuture<Void> watcher;

  @BeforeAll
  static void startHost() {
    host = OmnibusHostServer.start();
  }

  @AfterAll
  static void stopHost() {
    if (host != null) {
      host.close();
    }
  }

  @BeforeEach
  void watch() {
    host.reset();
    watcher = CompletableFuture.runAsync(this::watchNewFile);
  }

  @AfterEach
  void stopWatching() throws IOException {
    watching.set(false);
    watcher.join();
    Files.deleteIfExists(NEW);
  }

  @Test
  void act_whileTheNewFileIsWritten_itIsNeverReadableByOthers() throws Exception {
    // The watcher looks at the new file the whole time the step runs.
    step().act(context());

    assertThat(seenOpen).as("states of the new file that others could read").isEmpty();
    assertThat(Files.readString(GITLAB_RB)).contains("# BEGIN gitlab-ops-bot object storage");
    assertThat(Files.getPosixFilePermissions(GITLAB_RB)).doesNotContainAnyElementsOf(OTHERS);
    assertThat(NEW).doesNotExist();
  }

  @Test
  void act_whenTheStepStopsAfterTheWrite_leavesNoCopyOthersCanRead() {
    // The host's sudoers lacks chmod: the step fails after the new text was written.
    host.withholdSudo("chmod");

    assertThatThrownBy(() -> step().act(context())).isInstanceOf(RuntimeException.class);

    assertThat(seenOpen).as("states of the new file that others could read").isEmpty();
    if (Files.exists(NEW)) {
      assertThat(NEW)
          .satisfies(
              n ->
                  assertThat(Files.getPosixFilePermissions(n)).doesNotContainAnyElementsOf(OTHERS));
    }
    assertThat(GITLAB_RB).content().doesNotContain("gitlab-ops-bot");
  }

  @Test
  void act_afterAFailedAttempt_succeedsAndLeavesNothingBehind() throws Exception {
    host.withholdSudo("chmod");
    assertThatThrownBy(() -> step().act(context())).isInstanceOf(RuntimeException.class);
    host.reset();

    step().act(context());
    step().act(context());

    assertThat(Files.readString(GITLAB_RB).split("# BEGIN gitlab-ops-bot", -1)).hasSize(2);
    assertThat(NEW).doesNotExist();
    assertThat(seenOpen).isEmpty();
  }

  private void watchNewFile() {
    while (watching.get()) {
      try {
        PosixFileAttributes attributes =
            Files.readAttributes(NEW, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.permissions().stream().anyMatch(OTHERS::contains) && seenOpen.size() < 5) {
          seenOpen.add(attributes.permissions() + " with " + attributes.size() + " bytes");
        }
      } catch (IOException e) {
        // not there (yet, or any more)
      }
      Thread.onSpinWait();
    }
  }

  private static GitLabRbStep step() {
    ObjectStorageSettings storage =
        new ObjectStorageSettings(
            Map.of(
                ObjectType.UPLOADS, "acme-uploads",
                ObjectType.ARTIFACTS, "acme-artifacts",
                ObjectType.LFS, "acme-lfs"),
            "gitlab-backups",
            "eu-west-1",
            Optional.empty(),
            false);
    return new GitLabRbStep(
        new MigrationOptions(storage, "run-1", "gitlab", "gitlab"),
        () -> new JschRemoteHost(host.settings()));
  }

  private static StepContext context() {
    return new StepContext("run-1", "gitlab", line -> {}, line -> {}, step -> Optional.empty());
  }
}
