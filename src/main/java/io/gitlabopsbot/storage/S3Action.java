package io.gitlabopsbot.storage;

/** What the bot asked S3 to do, and the IAM permission that allows it. */
enum S3Action {
  LIST("list", "s3:ListBucket"),
  HEAD("read the metadata of", "s3:GetObject"),
  READ("read", "s3:GetObject"),
  DELETE("delete", "s3:DeleteObject"),
  UPLOAD("upload", "s3:PutObject"),
  LIST_UPLOADS("list unfinished uploads in", "s3:ListBucketMultipartUploads"),
  ABORT_UPLOAD("abort an unfinished upload of", "s3:AbortMultipartUpload");

  private final String verb;
  private final String permission;

  S3Action(String verb, String permission) {
    this.verb = verb;
    this.permission = permission;
  }

  String verb() {
    return verb;
  }

  String permission() {
    return permission;
  }

  /** The resource an IAM policy must grant the permission on. */
  String resourceArn(String bucket) {
    return this == LIST || this == LIST_UPLOADS
        ? "arn:aws:s3:::" + bucket
        : "arn:aws:s3:::" + bucket + "/*";
  }
}
