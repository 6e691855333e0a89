package io.gitlabopsbot.storage;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns AWS SDK failures into {@link StorageException}s a person can act on. */
final class S3Errors {

  private static final int MAX_DETAIL = 160;

  private S3Errors() {}

  static StorageException translate(SdkException e, S3Action action, String bucket, String key) {
    String where = "s3://" + bucket + (key == null ? "" : "/" + key);
    if (e instanceof S3Exception s3) {
      return fromService(s3, action, bucket, where);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new StorageException(
          "S3 did not answer in time when asked to "
              + action.verb()
              + " "
              + where
              + "; try again, and if it persists check the network path to S3 (proxy, VPC endpoint)",
          "timeout",
          e);
    }
    if (e instanceof SdkClientException) {
      return new StorageException(
          "could not reach S3 to "
              + action.verb()
              + " "
              + where
              + " ("
              + detail(e.getMessage())
              + "); check aws.region, aws.endpointOverride, the proxy settings and the network path",
          "unreachable",
          e);
    }
    return new StorageException(
        "S3 call to " + action.verb() + " " + where + " failed: " + detail(e.getMessage()),
        "unknown",
        e);
  }

  private static StorageException fromService(
      S3Exception e, S3Action action, String bucket, String where) {
    String code =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
            ? "HTTP " + e.statusCode()
            : e.awsErrorDetails().errorCode();
    String message =
        switch (code) {
          case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken" ->
              "S3 rejected the bot's credentials ("
                  + code
                  + ") when asked to "
                  + action.verb()
                  + " "
                  + where
                  + "; check the IAM role of the bot's service account (IRSA / Pod Identity) or"
                  + " the configured access key";
          case "NoSuchBucket" ->
              "bucket "
                  + bucket
                  + " does not exist (NoSuchBucket); check the target's backupBucket and aws.region";
          default ->
              e.statusCode() == 403
                  ? "S3 denied access ("
                      + code
                      + ") when asked to "
                      + action.verb()
                      + " "
                      + where
                      + "; the bot's IAM role needs "
                      + action.permission()
                      + " on "
                      + action.resourceArn(bucket)
                  : "S3 answered "
                      + code
                      + " (HTTP "
                      + e.statusCode()
                      + ") when asked to "
                      + action.verb()
                      + " "
                      + where
                      + (e.statusCode() >= 500
                          ? "; S3 had an internal problem, try again in a few minutes"
                          : "; check the bucket and key");
        };
    return new StorageException(message, code, e);
  }

  private static String detail(String message) {
    if (message == null || message.isBlank()) {
      return "no detail";
    }
    String line = message.lines().findFirst().orElse("").strip();
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "…";
  }
}
