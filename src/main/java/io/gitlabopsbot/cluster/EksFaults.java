package io.gitlabopsbot.cluster;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Sorts an EKS error answer into the faults the report explains. */
final class EksFaults {

  private EksFaults() {}

  // The AWS error message is not repeated: it names the caller's role ARN and account, which have
  // no place in a chat message; the error code and status say enough.
  static EksApiException classify(AwsServiceException e, String permission, String cluster) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    if (e.statusCode() == 403 || "AccessDeniedException".equals(code)) {
      return new EksApiException(
          EksApiException.Fault.ACCESS_DENIED,
          permission,
          "EKS denied "
              + permission
              + " on cluster "
              + cluster
              + "; grant it to the bot's IAM role",
          e);
    }
    if (e.statusCode() == 404 || "ResourceNotFoundException".equals(code)) {
      return new EksApiException(
          EksApiException.Fault.NOT_FOUND,
          permission,
          "EKS has no cluster named "
              + cluster
              + " in this region; check aws.eksClusterName and aws.region",
          e);
    }
    if (e.isThrottlingException()) {
      return new EksApiException(
          EksApiException.Fault.THROTTLED,
          permission,
          permission + " was still throttled after retries; try again in a minute",
          e);
    }
    return new EksApiException(
        EksApiException.Fault.FAILED,
        permission,
        permission
            + " for cluster "
            + cluster
            + " failed with HTTP "
            + e.statusCode()
            + (code == null || code.isEmpty() ? "" : " " + code)
            + "; check the bot log and AWS Health",
        e);
  }
}
