package io.gitlabopsbot.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Omnibus paths the runbook uses ({@code /etc/gitlab}, {@code /var/opt/gitlab}, and {@code
 * /opt/gitlab} for the GitLab version), created for real under {@code base} ("/" for the end-to-end
 * tests) and owned by the fixture while it runs. A marker file tells the fixture's own trees from a
 * real GitLab's, which is never touched; a file lock keeps two fixtures (other test classes, other
 * checkouts on the machine) from sharing them.
 */
final class OmnibusHostFiles implements AutoCloseable {

  static final String MARKER = ".omnibus-host-fixture";
  static final String GITLAB_RB = "/etc/gitlab/gitlab.rb";
  static final String SECRETS = "/etc/gitlab/gitlab-secrets.json";
  static final String BACKUPS = "/var/opt/gitlab/backups";

  /** Where Omnibus records the GitLab version it runs; the migration's prerequisites read it. */
  static final String VERSION = "/opt/gitlab/embedded/service/gitlab-rails/VERSION";

  /** The version in {@link #VERSION}: the one the chart fixtures' images carry. */
  static final String GITLAB_VERSION = "17.5.2-ee";

  static final List<String> LOCAL_DIRECTORIES =
      List.of(
          "/var/opt/gitlab/gitlab-rails/uploads",
          "/var/opt/gitlab/gitlab-rails/shared/artifacts",
          "/var/opt/gitlab/gitlab-rails/shared/lfs-objects");
  private static final List<String> OWNED =
      List.of("/etc/gitlab", "/var/opt/gitlab", "/opt/gitlab");
  // Parents of the owned trees: removed at close only if this fixture created them.
  private static final List<String> PARENTS = List.of("/var/opt", "/opt");

  private final Path base;
  private final String secretsJson;
  private final String gitLabRb;
  private final OmnibusHostLock lock;
  private final List<Path> createdParents;

  private OmnibusHostFiles(Path base, String secretsJson, String gitLabRb, OmnibusHostLock lock) {
    this.base = base;
    this.secretsJson = secretsJson;
    this.gitLabRb = gitLabRb;
    this.lock = lock;
    this.createdParents =
        PARENTS.stream().map(this::path).filter(parent -> !Files.exists(parent)).toList();
  }

  /**
   * Takes the paths under {@code base} (waiting at most {@code lockWait} for another fixture to
   * finish) and seeds them.
   *
   * @throws IllegalStateException if a tree exists that this fixture did not create
   */
  static OmnibusHostFiles claim(Path base, String secretsJson, String gitLabRb, Duration lockWait) {
    OmnibusHostLock lock =
        OmnibusHostLock.acquire(base.resolve("tmp/gitlab-ops-bot-omnibus-host.lock"), lockWait);
    OmnibusHostFiles files = new OmnibusHostFiles(base, secretsJson, gitLabRb, lock);
    try {
      files.refuseForeignTrees();
      files.reset();
      return files;
    } catch (RuntimeException e) {
      files.releaseLock();
      throw e;
    }
  }

  /** Where an absolute host path lies on this machine. */
  Path path(String absolute) {
    return base.resolve(absolute.substring(1));
  }

  /**
   * Back to the seeded state: fresh gitlab.rb and secrets, the VERSION file, data directories, no
   * backups.
   */
  void reset() {
    try {
      for (String owned : OWNED) {
        Path tree = path(owned);
        if (Files.exists(tree)) {
          deleteTree(tree, true);
        }
        Files.createDirectories(tree);
        Files.writeString(tree.resolve(MARKER), "created by OmnibusHostServer; removed by it\n");
      }
      writePrivate(GITLAB_RB, gitLabRb);
      writePrivate(SECRETS, secretsJson);
      Files.createDirectories(path(VERSION).getParent());
      Files.writeString(path(VERSION), GITLAB_VERSION + "\n");
      Files.createDirectories(path(BACKUPS));
      Files.setPosixFilePermissions(path(BACKUPS), PosixFilePermissions.fromString("rwx------"));
      // A file in each data directory, so moving one aside moves something.
      seed(LOCAL_DIRECTORIES.get(0) + "/-/system/user/avatar/1/avatar.png");
      seed(LOCAL_DIRECTORIES.get(1) + "/6b/86/6b86b273/2026_11_25/1/1/job.log");
      seed(LOCAL_DIRECTORIES.get(2) + "/4f/53/cdbbd6a0c2b5e9e7c1a8");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot seed the fake Omnibus files under " + base, e);
    }
  }

  /** The backup archives in /var/opt/gitlab/backups, by name. */
  List<Path> backups() {
    try (Stream<Path> files = Files.list(path(BACKUPS))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("_gitlab_backup.tar"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path(BACKUPS), e);
    }
  }

  /** Removes the trees (only those carrying the marker) and releases the lock. */
  @Override
  public void close() {
    try {
      for (String owned : OWNED) {
        Path tree = path(owned);
        if (Files.exists(tree.resolve(MARKER))) {
          deleteTree(tree, false);
        }
      }
      for (Path parent : createdParents) {
        if (isEmptyDirectory(parent)) {
          Files.delete(parent);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the fake Omnibus files under " + base, e);
    } finally {
      releaseLock();
    }
  }

  private void refuseForeignTrees() {
    for (String owned : OWNED) {
      Path tree = path(owned);
      if (Files.exists(tree) && !Files.exists(tree.resolve(MARKER))) {
        throw new IllegalStateException(
            tree
                + " exists and was not created by OmnibusHostServer (no "
                + MARKER
                + " in it): this machine may run a real GitLab, so the Omnibus host tests refuse"
                + " to touch it. They need a throwaway machine or container (as on CI); remove "
                + tree
                + " yourself only if you are sure it is a leftover");
      }
    }
  }

  private void writePrivate(String absolute, String content) throws IOException {
    Path file = path(absolute);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private void seed(String absolute) throws IOException {
    Path file = path(absolute);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "seeded by OmnibusHostServer\n");
  }

  private static void deleteTree(Path tree, boolean keepRootAndMarker) throws IOException {
    // Files.walk does not follow symbolic links, so nothing outside the tree is removed.
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        boolean keep = p.equals(tree) || p.equals(tree.resolve(MARKER));
        if (!keepRootAndMarker || !keep) {
          Files.delete(p);
        }
      }
    }
  }

  private static boolean isEmptyDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  private void releaseLock() {
    lock.close();
  }
}
