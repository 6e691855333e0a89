package io.gitlabopsbot.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The host keys of the pinned known_hosts file, read once and never changed: keys are neither added
 * nor removed, whatever JSch asks, and ~/.ssh/known_hosts is never consulted.
 */
final class PinnedHostKeys implements HostKeyRepository {

  private final HostKeyRepository keys;
  private final Path file;

  private PinnedHostKeys(HostKeyRepository keys, Path file) {
    this.keys = keys;
    this.file = file;
  }

  static PinnedHostKeys load(Path file) {
    // A separate JSch instance only parses the file; the connecting one never sees a writable copy.
    JSch parser = new JSch();
    try (InputStream in = Files.newInputStream(file)) {
      parser.setKnownHosts(in);
    } catch (IOException | JSchException e) {
      throw new SshException.BadConfiguration(
          "cannot read the pinned known_hosts file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); check the ssh knownHosts setting and that the file is readable",
          e);
    }
    return new PinnedHostKeys(parser.getHostKeyRepository(), file);
  }

  /** OpenSSH's fingerprint of a key (what {@code ssh-keygen -lf} prints): SHA256:base64. */
  static String fingerprint(HostKey key) {
    try {
      byte[] blob = Base64.getDecoder().decode(key.getKey());
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public int check(String host, byte[] key) {
    return keys.check(host, key);
  }

  @Override
  public void add(HostKey hostkey, UserInfo ui) {
    throw new IllegalStateException("the pinned known_hosts file " + file + " is never changed");
  }

  @Override
  public void remove(String host, String type) {
    throw new IllegalStateException("the pinned known_hosts file " + file + " is never changed");
  }

  @Override
  public void remove(String host, String type, byte[] key) {
    throw new IllegalStateException("the pinned known_hosts file " + file + " is never changed");
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return file.toString();
  }

  @Override
  public HostKey[] getHostKey() {
    return keys.getHostKey();
  }

  @Override
  public HostKey[] getHostKey(String host, String type) {
    return keys.getHostKey(host, type);
  }
}
