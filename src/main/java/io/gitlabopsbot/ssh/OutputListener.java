package io.gitlabopsbot.ssh;

/**
 * Receives a remote command's output line by line while it runs (e.g. to show progress in a Slack
 * thread). Called from the SSH transport's thread: keep it quick and do not block.
 */
@FunctionalInterface
public interface OutputListener {

  /** One line of stdout or stderr, without its line terminator. */
  void line(String line);

  /** A listener that drops every line (the result still keeps the tail). */
  static OutputListener ignore() {
    return line -> {};
  }
}
