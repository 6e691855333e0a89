package io.gitlabopsbot.web;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Converts between Jetty's request and response and our {@link HttpRequest}/{@link HttpReply}. */
final class JettyExchange {

  private JettyExchange() {}

  /** The generic reply for a failed route; the details are in the log under the same ID. */
  static HttpReply internalError(String correlationId) {
    return HttpReply.text(
        500, "internal error (see bot log, correlation id " + correlationId + ")");
  }

  static HttpReply tooLarge() {
    return HttpReply.text(413, "request body too large").withHeader("Connection", "close");
  }

  static HttpReply busy() {
    return HttpReply.text(503, "busy; retry later")
        .withHeader("Retry-After", "5")
        .withHeader("Connection", "close");
  }

  static String method(Request request) {
    return request.getMethod().toUpperCase(Locale.ROOT);
  }

  static String path(Request request) {
    return Request.getPathInContext(request);
  }

  /** The request as routes see it, with the body already read in full. */
  static HttpRequest toHttpRequest(Request request, byte[] body) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>())
          .add(field.getValue());
    }
    return new HttpRequest(
        method(request),
        path(request),
        request.getHttpURI().getQuery(),
        headers,
        body,
        Request.getRemoteAddr(request));
  }

  /** Writes {@code reply} without blocking; {@code callback} completes once it is sent. */
  static void write(Request request, Response response, HttpReply reply, Callback callback) {
    response.setStatus(reply.status());
    var out = response.getHeaders();
    reply.headers().forEach(out::put);
    if (reply.contentType() != null) {
      out.put(HttpHeader.CONTENT_TYPE, reply.contentType());
    }
    out.put("X-Content-Type-Options", "nosniff");
    byte[] body = reply.body();
    out.put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean bodyless = body.length == 0 || "HEAD".equals(method(request));
    response.write(true, bodyless ? null : ByteBuffer.wrap(body), callback);
  }
}
