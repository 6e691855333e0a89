package io.gitlabopsbot.ssh;

/**
 * An SSH connection or remote file operation failed. The message says what failed, on which host,
 * and what to do next; it never contains a key, a passphrase or a file's content.
 */
public class SshException extends RuntimeException {

  public SshException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The host presented a key that is not in the pinned known_hosts file. */
  public static final class UnknownHostKey extends SshException {
    public UnknownHostKey(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The host presented a key different from the one pinned for it: possibly an attack. */
  public static final class ChangedHostKey extends SshException {
    public ChangedHostKey(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The host did not accept the configured client key for the user. */
  public static final class AuthenticationFailed extends SshException {
    public AuthenticationFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The configured private key or known_hosts file cannot be read or used. */
  public static final class BadConfiguration extends SshException {
    public BadConfiguration(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** No SSH connection could be made: timeout, refused, name not resolved, no common algorithm. */
  public static final class Unreachable extends SshException {
    public Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A remote file could not be examined or read (missing, not readable, too large). */
  public static final class RemoteFileFailed extends SshException {
    public RemoteFileFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
