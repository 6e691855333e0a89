package io.gitlabopsbot.ssh;

import io.gitlabopsbot.config.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.Command;

/**
 * A real SSH server on a loopback port (Apache MINA SSHD) with an ed25519 host key, one authorized
 * ed25519 client key, and commands run by {@code /bin/sh -c} with a fake {@code sudo} first on
 * PATH. It records every command string it receives.
 */
final class TestSshServer implements AutoCloseable {

  static final String USER = "deploy";

  final KeyPair hostKey;
  final KeyPair clientKey;
  final Path directory;
  final Path sudoLog;
  final List<String> commands = new CopyOnWriteArrayList<>();
  final AtomicInteger sessionsOpened = new AtomicInteger();
  volatile Function<String, Command> override = command -> null;
  private final SshServer server;

  TestSshServer(Path directory) throws IOException, GeneralSecurityException {
    this.directory = directory;
    this.hostKey = newKey();
    this.clientKey = newKey();
    this.sudoLog = directory.resolve("sudo.log");
    Path bin = Files.createDirectories(directory.resolve("bin"));
    writeFakeSudo(bin);
    Map<String, String> environment =
        Map.of("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) ->
            USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
    server.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session session) {
            sessionsOpened.incrementAndGet();
          }
        });
    server.setCommandFactory(
        (channel, command) -> {
          commands.add(command);
          Command special = override.apply(command);
          return special != null ? special : new ShellCommand(command, directory, environment);
        });
    server.start();
  }

  static KeyPair newKey() throws GeneralSecurityException {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  int port() {
    return server.getPort();
  }

  /** Drops every connection, as a crashing host or a cut network would. */
  void dropAllSessions() {
    server.getActiveSessions().forEach(session -> session.close(true));
  }

  /** A known_hosts line pinning {@code key} for this server's address. */
  String knownHostsLine(KeyPair key) {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(key.getPublic()) + "\n";
  }

  Path knownHosts(String content) throws IOException {
    Path file = Files.createTempFile(directory, "known_hosts", "");
    Files.writeString(file, content);
    return file;
  }

  /** A private key in the OpenSSH format ssh-keygen writes, optionally with a passphrase. */
  static Secret openSshKey(KeyPair key, String passphrase)
      throws IOException, GeneralSecurityException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
    }
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "test", encryption, out);
    return new Secret(out.toString(StandardCharsets.US_ASCII));
  }

  /** Settings for this server with the authorized key and the right host key pinned. */
  SshSettings settings(boolean useSudo) throws IOException, GeneralSecurityException {
    return settings(
        new SshSettings.ClientKey.Inline(openSshKey(clientKey, null)),
        Optional.empty(),
        knownHosts(knownHostsLine(hostKey)),
        useSudo);
  }

  SshSettings settings(
      SshSettings.ClientKey key, Optional<Secret> passphrase, Path knownHosts, boolean useSudo) {
    return new SshSettings(
        "127.0.0.1",
        port(),
        USER,
        key,
        passphrase,
        knownHosts,
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        3,
        Duration.ofSeconds(20),
        useSudo);
  }

  private void writeFakeSudo(Path bin) throws IOException {
    Path sudo = bin.resolve("sudo");
    // Records its arguments, then runs the command after "-n --" as the current user.
    Files.writeString(
        sudo,
        "#!/bin/sh\n"
            + "printf '%s\\n' \"$*\" >> '"
            + sudoLog
            + "'\n"
            + "[ \"$1\" = -n ] && [ \"$2\" = -- ] || { echo 'sudo: bad options' >&2; exit 1; }\n"
            + "shift 2\n"
            + "exec \"$@\"\n");
    Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
