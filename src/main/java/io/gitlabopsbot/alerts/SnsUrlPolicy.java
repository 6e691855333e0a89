package io.gitlabopsbot.alerts;

import java.net.URI;

/**
 * Which URLs named inside an SNS message (signing certificate, subscribe URL) the bot may contact.
 * These URLs are not covered by the signature, so this check is what stops a forged message from
 * pointing the bot at a certificate of the forger's choosing.
 */
@FunctionalInterface
public interface SnsUrlPolicy {

  /** True when the bot may send a request to {@code url}. */
  boolean allows(URI url);

  /** Production policy: {@code https} on an Amazon SNS regional endpoint, default port only. */
  static SnsUrlPolicy awsOnly() {
    return new SnsAwsUrlPolicy();
  }
}
