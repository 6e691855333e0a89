package io.gitlabopsbot.web;

/** Handles requests for one method and path on {@link HttpFront}. */
@FunctionalInterface
public interface Route {

  /**
   * Answers {@code request}. Any exception becomes a generic 500 reply; its text never reaches the
   * client.
   */
  HttpReply handle(HttpRequest request);
}
