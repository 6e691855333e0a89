package io.gitlabopsbot.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitlabopsbot.config.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JschRemoteHostConnectTest {

  @TempDir Path directory;
  private TestSshServer server;
  private Secret clientKey;

  @BeforeEach
  void start() throws Exception {
    server = new TestSshServer(directory);
    clientKey = TestSshServer.openSshKey(server.clientKey, null);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void connect_whenHostKeyIsNotPinned_isRefusedWithItsFingerprintAndFileUnchanged()
      throws Exception {
    String otherHost = "[127.0.0.1]:1 " + server.knownHostsLine(server.hostKey).split(" ", 2)[1];
    Path knownHosts = server.knownHosts(otherHost);

    assertThatThrownBy(() -> runTrue(settings(knownHosts)))
        .isInstanceOf(SshException.UnknownHostKey.class)
        .hasMessageContaining("[127.0.0.1]:" + server.port())
        .hasMessageContaining("ssh-ed25519 " + KeyUtils.getFingerPrint(server.hostKey.getPublic()))
        .hasMessageContaining("not in the pinned known_hosts file " + knownHosts);
    assertThat(Files.readString(knownHosts)).isEqualTo(otherHost);
    assertThat(server.commands).isEmpty();
  }

  @Test
  void connect_whenHostKeyChanged_isRefusedAsChanged() throws Exception {
    Path knownHosts = server.knownHosts(server.knownHostsLine(TestSshServer.newKey()));

    assertThatThrownBy(() -> runTrue(settings(knownHosts)))
        .isInstanceOf(SshException.ChangedHostKey.class)
        .hasMessageContaining("CHANGED")
        .hasMessageContaining(KeyUtils.getFingerPrint(server.hostKey.getPublic()));
    assertThat(server.commands).isEmpty();
  }

  @Test
  void connect_withWrongClientKey_failsAuthenticationWithoutShowingTheKey() throws Exception {
    Secret wrong = TestSshServer.openSshKey(TestSshServer.newKey(), null);
    SshSettings settings =
        server.settings(
            new SshSettings.ClientKey.Inline(wrong),
            Optional.empty(),
            server.knownHosts(server.knownHostsLine(server.hostKey)),
            true);

    assertThatThrownBy(() -> runTrue(settings))
        .isInstanceOf(SshException.AuthenticationFailed.class)
        .hasMessageContaining("authentication failed for user deploy")
        .hasMessageNotContaining(wrong.value().lines().skip(1).findFirst().orElseThrow());
  }

  @Test
  void connect_withPassphraseProtectedKeyFile_works() throws Exception {
    Path keyFile = directory.resolve("id_ed25519");
    Files.writeString(keyFile, TestSshServer.openSshKey(server.clientKey, "s3cret").value());
    SshSettings settings =
        server.settings(
            new SshSettings.ClientKey.File(keyFile),
            Optional.of(new Secret("s3cret")),
            server.knownHosts(server.knownHostsLine(server.hostKey)),
            true);

    assertThat(runTrue(settings).succeeded()).isTrue();
  }

  @Test
  void connect_withEncryptedKeyButNoPassphrase_saysThePassphraseIsMissing() throws Exception {
    Secret encrypted = TestSshServer.openSshKey(server.clientKey, "s3cret");
    SshSettings settings =
        server.settings(
            new SshSettings.ClientKey.Inline(encrypted),
            Optional.empty(),
            server.knownHosts(server.knownHostsLine(server.hostKey)),
            true);

    assertThatThrownBy(() -> runTrue(settings))
        .isInstanceOf(SshException.BadConfiguration.class)
        .hasMessageContaining("protected by a passphrase")
        .hasMessageContaining("none is configured");
  }

  @Test
  void connect_withWrongPassphrase_saysSo() throws Exception {
    Secret encrypted = TestSshServer.openSshKey(server.clientKey, "s3cret");
    SshSettings settings =
        server.settings(
            new SshSettings.ClientKey.Inline(encrypted),
            Optional.of(new Secret("not-it")),
            server.knownHosts(server.knownHostsLine(server.hostKey)),
            true);

    assertThatThrownBy(() -> runTrue(settings))
        .isInstanceOf(SshException.BadConfiguration.class)
        .hasMessageContaining("passphrase is wrong")
        .hasMessageNotContaining("not-it");
  }

  @Test
  void connect_withGarbageKey_isBadConfigurationWithoutQuotingIt() throws Exception {
    Secret garbage = new Secret("-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n");
    SshSettings settings =
        server.settings(
            new SshSettings.ClientKey.Inline(garbage),
            Optional.empty(),
            server.knownHosts(server.knownHostsLine(server.hostKey)),
            true);

    assertThatThrownBy(() -> runTrue(settings))
        .isInstanceOf(SshException.BadConfiguration.class)
        .hasMessageContaining("from a secret")
        .hasMessageNotContaining("c2VjcmV0LWJ5dGVz")
        .hasNoCause();
  }

  @Test
  void connect_whenKnownHostsFileIsMissing_isBadConfiguration() {
    Path missing = directory.resolve("nowhere/known_hosts");

    assertThatThrownBy(() -> runTrue(settings(missing)))
        .isInstanceOf(SshException.BadConfiguration.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void connect_whenNothingListens_isUnreachableAndRefused() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SshSettings settings = withPort(settings(server.knownHosts("")), closedPort);

    assertThatThrownBy(() -> runTrue(settings))
        .isInstanceOf(SshException.Unreachable.class)
        .hasMessageContaining("refused");
  }

  @Test
  void connect_whenServerNeverAnswers_givesUpAfterConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      SshSettings settings = withPort(settings(server.knownHosts("")), silent.getLocalPort());
      long started = System.nanoTime();

      assertThatThrownBy(() -> runTrue(settings))
          .isInstanceOf(SshException.Unreachable.class)
          .hasMessageContaining("within PT0.5S");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void settings_toString_neverShowsTheKeyOrPassphrase() {
    SshSettings settings =
        server.settings(
            new SshSettings.ClientKey.Inline(clientKey),
            Optional.of(new Secret("s3cret")),
            directory.resolve("known_hosts"),
            true);

    assertThat(settings.toString())
        .contains("deploy@[127.0.0.1]:" + server.port())
        .doesNotContain("s3cret")
        .doesNotContain("PRIVATE KEY");
  }

  private SshSettings settings(Path knownHosts) {
    return server.settings(
        new SshSettings.ClientKey.Inline(clientKey), Optional.empty(), knownHosts, true);
  }

  private static SshSettings withPort(SshSettings s, int port) {
    return new SshSettings(
        s.host(),
        port,
        s.user(),
        s.key(),
        s.passphrase(),
        s.knownHosts(),
        Duration.ofMillis(500),
        s.keepAliveInterval(),
        s.keepAliveMaxMissed(),
        s.defaultCommandTimeout(),
        s.useSudo());
  }

  private static CommandResult runTrue(SshSettings settings) {
    try (JschRemoteHost host = new JschRemoteHost(settings)) {
      return host.run(RemoteCommand.of("true"), OutputListener.ignore());
    }
  }
}
