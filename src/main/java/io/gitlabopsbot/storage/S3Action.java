package io.gitlabopsbot.storage;

/** What the bot asked S3 to do, and the IAM permission that allows it. */
enum S3Action {
  LIST("list", "s3:ListBucket"),
  HEAD("read the metadata of", "s3:GetObject"),
  READ("read", "s3:GetObject"),
  DELETE("delete", "s3:DeleteObject");

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
    return this == LIST ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/*";
  }
}
