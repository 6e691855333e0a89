package io.gitlabopsbot.cluster;

/**
 * A Helm release record could not be decoded. The message never quotes the record: it holds the
 * chart values and rendered Secrets.
 */
public final class HelmReleaseFormatException extends RuntimeException {

  public HelmReleaseFormatException(String message) {
    super(message);
  }

  public HelmReleaseFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
