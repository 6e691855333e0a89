package io.gitlabopsbot.cluster;

import java.util.Objects;

/**
 * An EKS API call failed; {@link #fault()} says how, {@link #permission()} names the IAM action the
 * call needs.
 */
public final class EksApiException extends RuntimeException {

  /** How an EKS call failed. */
  public enum Fault {
    /** The bot's IAM role lacks {@link #permission()}. */
    ACCESS_DENIED,
    /** The configured cluster does not exist in the region. */
    NOT_FOUND,
    /** Still throttled after the retries of the retry policy. */
    THROTTLED,
    /** Anything else: network, server error, unexpected answer. */
    FAILED
  }

  private final Fault fault;
  private final String permission;

  public EksApiException(Fault fault, String permission, String message, Throwable cause) {
    super(message, cause);
    this.fault = Objects.requireNonNull(fault, "fault");
    this.permission = Objects.requireNonNull(permission, "permission");
  }

  public Fault fault() {
    return fault;
  }

  /** The IAM action of the failed call, e.g. {@code eks:DescribeCluster}. */
  public String permission() {
    return permission;
  }
}
