package io.gitlabopsbot.cluster;

/** One section of the report: what was found, or why it could not be found. */
sealed interface Part<T> {

  record Shown<T>(T value) implements Part<T> {}

  /**
   * @param why one sentence for the reader: what failed and what to do about it (mrkdwn)
   */
  record Missing<T>(String why) implements Part<T> {}
}
