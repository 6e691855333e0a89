package io.gitlabopsbot.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Opens authenticated JSch sessions for one {@link SshSettings}, failures translated. */
final class JschSessions {

  // Only algorithms without SHA-1 signatures: ed25519, ECDSA, RSA with SHA-2.
  static final String KEY_ALGORITHMS =
      "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
          + "rsa-sha2-512,rsa-sha2-256";

  private final SshSettings settings;

  JschSessions(SshSettings settings) {
    this.settings = settings;
  }

  Session open() {
    JSch jsch = new JSch();
    PinnedHostKeys pinned = PinnedHostKeys.load(settings.knownHosts());
    jsch.setHostKeyRepository(pinned);
    addIdentity(jsch);
    Session session;
    try {
      session = jsch.getSession(settings.user(), settings.host(), settings.port());
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("HashKnownHosts", "no");
      session.setConfig("PreferredAuthentications", "publickey");
      session.setConfig("server_host_key", KEY_ALGORITHMS);
      session.setConfig("PubkeyAcceptedAlgorithms", KEY_ALGORITHMS);
      session.setServerAliveInterval(Math.toIntExact(settings.keepAliveInterval().toMillis()));
      session.setServerAliveCountMax(settings.keepAliveMaxMissed());
    } catch (JSchException e) {
      throw new SshException("cannot set up an SSH session to " + where(), e);
    }
    try {
      session.connect(Math.toIntExact(settings.connectTimeout().toMillis()));
      return session;
    } catch (JSchException e) {
      throw translate(e, session.getHostKey());
    }
  }

  private void addIdentity(JSch jsch) {
    byte[] key = keyBytes();
    byte[] passphrase =
        settings.passphrase().map(p -> p.value().getBytes(StandardCharsets.UTF_8)).orElse(null);
    try {
      jsch.addIdentity(settings.user() + "@" + settings.address(), key, null, passphrase);
    } catch (JSchException e) {
      // Not chained: JSch's messages for unreadable keys can quote the key material.
      throw new SshException.BadConfiguration(
          "the SSH private key ("
              + settings.key().describe()
              + ") cannot be used ("
              + e.getClass().getSimpleName()
              + "): it is not an OpenSSH/PEM private key, or "
              + (passphrase == null
                  ? "it is protected by a passphrase and none is configured"
                  : "its passphrase is wrong")
              + "; check the ssh key and passphrase settings",
          null);
    } finally {
      if (passphrase != null) {
        Arrays.fill(passphrase, (byte) 0);
      }
    }
    boolean encrypted =
        jsch.getIdentityRepository().getIdentities().stream().anyMatch(Identity::isEncrypted);
    if (encrypted) {
      // JSch would silently skip the key and report a misleading authentication failure.
      throw new SshException.BadConfiguration(
          "the SSH private key ("
              + settings.key().describe()
              + ") is protected by a passphrase but none is configured; set the ssh passphrase",
          null);
    }
  }

  private byte[] keyBytes() {
    if (settings.key() instanceof SshSettings.ClientKey.Inline inline) {
      return inline.pem().value().getBytes(StandardCharsets.UTF_8);
    }
    Path path = ((SshSettings.ClientKey.File) settings.key()).path();
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new SshException.BadConfiguration(
          "cannot read the SSH private key file "
              + path
              + " ("
              + e.getClass().getSimpleName()
              + "); check the ssh key setting",
          e);
    }
  }

  private SshException translate(JSchException e, HostKey presented) {
    String known = settings.knownHosts().toString();
    if (e instanceof JSchUnknownHostKeyException) {
      return new SshException.UnknownHostKey(
          "the host key of "
              + where()
              + " ("
              + describe(presented)
              + ") is not in the pinned"
              + " known_hosts file "
              + known
              + "; add it after checking its fingerprint on the"
              + " host itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)",
          e);
    }
    if (e instanceof JSchChangedHostKeyException) {
      return new SshException.ChangedHostKey(
          "the host key of "
              + where()
              + " CHANGED: it presented "
              + describe(presented)
              + ", which is not the key pinned in "
              + known
              + ". This can be an attack on the"
              + " connection or a reinstalled host; do not connect until someone has checked the"
              + " new key on the host, then replace the pinned line",
          e);
    }
    if (e instanceof JSchHostKeyException) {
      return new SshException.ChangedHostKey(
          "the host key of "
              + where()
              + " ("
              + describe(presented)
              + ") was rejected: "
              + e.getMessage()
              + "; check the entries for it in "
              + known,
          e);
    }
    // JSch's auth exception types are not public; its message is the stable signal.
    if (String.valueOf(e.getMessage()).startsWith("Auth ")) {
      return new SshException.AuthenticationFailed(
          "authentication failed for user "
              + settings.user()
              + " on "
              + where()
              + " with the"
              + " configured key; check that its public key is in ~"
              + settings.user()
              + "/.ssh/authorized_keys there and that the ssh key setting holds the right key",
          e);
    }
    if (e instanceof JSchAlgoNegoFailException) {
      return new SshException.Unreachable(
          where()
              + " offers no key exchange or host key algorithm the bot accepts ("
              + e.getMessage()
              + "); the bot refuses SHA-1 (ssh-rsa) host keys: use an ed25519 host"
              + " key",
          e);
    }
    Throwable cause = e.getCause();
    if (cause instanceof UnknownHostException) {
      return new SshException.Unreachable(
          "the name " + settings.host() + " does not resolve; check the ssh host setting", e);
    }
    if (cause instanceof ConnectException) {
      return new SshException.Unreachable(
          "connection to " + where() + " refused; check that sshd runs there and the port", e);
    }
    if (cause instanceof SocketTimeoutException
        || String.valueOf(e.getMessage()).contains("timeout")) {
      return new SshException.Unreachable(
          "no SSH connection to "
              + where()
              + " within "
              + settings.connectTimeout()
              + "; check the host is up and that security groups allow the bot to reach it",
          e);
    }
    return new SshException.Unreachable(
        "SSH connection to " + where() + " failed: " + e.getMessage(), e);
  }

  private static String describe(HostKey key) {
    return key == null ? "key not known" : key.getType() + " " + PinnedHostKeys.fingerprint(key);
  }

  private String where() {
    return settings.user() + "@" + settings.address();
  }
}
