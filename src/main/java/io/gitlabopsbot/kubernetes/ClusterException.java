package io.gitlabopsbot.kubernetes;

/** A Kubernetes API call failed; the message says which call, where, and what to check. */
public class ClusterException extends RuntimeException {

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The bot's service account may not do this (HTTP 403). */
  public static final class Forbidden extends ClusterException {
    public Forbidden(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * An admission policy or webhook refused the request (HTTP 403 that is not RBAC): the bot may do
   * this kind of thing, but not with this object. Never worked around by another path.
   */
  public static final class AdmissionDenied extends ClusterException {
    public AdmissionDenied(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The object already exists (HTTP 409). */
  public static final class AlreadyExists extends ClusterException {
    public AlreadyExists(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The object changed since it was read (HTTP 409 on an update carrying the resourceVersion that
   * was read): someone else wrote it in between; read it again before deciding anything.
   */
  public static final class Conflict extends ClusterException {
    public Conflict(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The object does not exist (HTTP 404). */
  public static final class NotFound extends ClusterException {
    public NotFound(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
