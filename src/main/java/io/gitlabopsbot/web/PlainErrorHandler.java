package io.gitlabopsbot.web;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty detects itself (malformed request, headers too large, bad URI) with a
 * short plain-text line: no HTML page, no exception message, no stack.
 */
final class PlainErrorHandler implements Request.Handler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    String reason = HttpStatus.getMessage(status);
    JettyExchange.write(
        request,
        response,
        HttpReply.text(
            status, reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT)),
        callback);
    return true;
  }
}
