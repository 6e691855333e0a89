package io.gitlabopsbot.cluster;

/** The outcome of reading a Helm release record: the release, or why it could not be read. */
public sealed interface HelmReleaseLookup {

  /**
   * @param note something the reader should know about the choice of revision (mrkdwn), or empty
   */
  record Found(HelmRelease release, String note) implements HelmReleaseLookup {}

  /**
   * @param why one sentence: what failed and what to do about it (mrkdwn)
   */
  record Unavailable(String why) implements HelmReleaseLookup {}
}
