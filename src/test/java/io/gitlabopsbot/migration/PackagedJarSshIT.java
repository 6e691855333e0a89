package io.gitlabopsbot.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitlabopsbot.ssh.SshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, started as operators start it ({@code java -jar target/gitlab-ops-bot.jar}),
 * against Debian's OpenSSH server with an ed25519 host key and an ed25519 client key. JSch's
 * ed25519 code lives in the multi-release part of its jar; tests on the class path use it whatever
 * the shaded jar's manifest says, so only the jar itself shows whether it is there.
 */
class PackagedJarSshIT {

  private static final Path JAR = Path.of("target", "gitlab-ops-bot.jar");
  private static final long TIMEOUT_SECONDS = 120;

  private static OmnibusHostServer host;

  @TempDir Path dir;

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

  @Test
  void migratePlan_fromThePackagedJar_connectsWithEd25519HostAndClientKeys() throws Exception {
    assertThat(JAR).as("built by `package`, which runs before failsafe").exists();
    assertThat(Files.readString(host.settings().knownHosts())).contains(" ssh-ed25519 ");
    assertThat(Files.readString(Path.of(clientKey() + ".pub"))).startsWith("ssh-ed25519 ");

    String output = runJar("run", "--config", config().toString(), "migrate", "plan");

    assertThat(output)
        .doesNotContain("no key exchange or host key algorithm")
        .contains("gitlab-secrets.json")
        .contains("every key the chart needs is present");
    assertThat(host.calls()).contains(List.of("gitlab-ctl", "status"));
  }

  private String runJar(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = dir.resolve("output.txt");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-jar"));
    command.add(JAR.toAbsolutePath().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    // No cluster here: a kubeconfig naming a closed loopback port makes its checks fail at once.
    builder.environment().put("KUBECONFIG", kubeconfig().toString());
    builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_"));
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "the jar did not finish within " + TIMEOUT_SECONDS + " s; it printed:\n" + read(output));
    }
    return read(output);
  }

  private Path config() throws IOException {
    SshSettings ssh = host.settings();
    return Files.writeString(
        dir.resolve("config.yaml"),
        """
        store:
          jdbcUrl: jdbc:h2:file:%s
        access:
          teamId: T0000TEAM
          cliRoles: [viewer, operator]
        targets:
          list:
            - {name: gitlab, namespace: gitlab, helmRelease: gitlab, backupBucket: gitlab-backups}
        aws: {region: eu-west-1, endpointOverride: "http://127.0.0.1:1"}
        """
                .formatted(dir.resolve("store"))
            + MigrationTestConfig.section(
                ssh.host(), ssh.port(), ssh.user(), ssh.knownHosts(), clientKey()));
  }

  private Path kubeconfig() throws IOException {
    return Files.writeString(
        dir.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: none
            cluster: {server: "https://127.0.0.1:1"}
        users:
          - name: none
            user: {token: not-a-token}
        contexts:
          - name: none
            context: {cluster: none, user: none}
        current-context: none
        """);
  }

  private static Path clientKey() {
    return ((SshSettings.ClientKey.File) host.settings().key()).path();
  }

  private static String read(Path output) throws IOException {
    return Files.exists(output) ? Files.readString(output) : "";
  }
}
