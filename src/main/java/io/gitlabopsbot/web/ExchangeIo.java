package io.gitlabopsbot.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Converts between the JDK server's exchange and our {@link HttpRequest}/{@link HttpReply}. */
final class ExchangeIo {

  /** Beyond this much extra input the connection is cut without waiting for the client. */
  private static final long MAX_DISCARD_BYTES = 16L * 1024 * 1024;

  private final int maxBodyBytes;

  ExchangeIo(int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** The generic reply for a failed route; the details are in the log under the same ID. */
  static HttpReply internalError(String correlationId) {
    return HttpReply.text(
        500, "internal error (see bot log, correlation id " + correlationId + ")");
  }

  static HttpReply tooLarge() {
    return HttpReply.text(413, "request body too large").withHeader("Connection", "close");
  }

  /**
   * Discards what is left of an oversized body before the 413 is written. Closing a socket with
   * unread input makes TCP send a reset, and the client then loses our reply; reading the rest (up
   * to a bound, without keeping it) lets the client see why it was refused.
   */
  void discardRest(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    long left = MAX_DISCARD_BYTES;
    byte[] buffer = new byte[16 * 1024];
    int n;
    while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
      left -= n;
    }
  }

  /** Reads the request; empty when its body exceeds the limit (the rest is then left unread). */
  Optional<HttpRequest> readRequest(HttpExchange exchange) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                headers
                    .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .addAll(values));
    if (declaredLength(headers) > maxBodyBytes) {
      // Refused on the declared length, before any of the body is buffered.
      return Optional.empty();
    }
    byte[] body = exchange.getRequestBody().readNBytes(maxBodyBytes + 1);
    if (body.length > maxBodyBytes) {
      return Optional.empty();
    }
    var uri = exchange.getRequestURI();
    var remote = exchange.getRemoteAddress();
    String remoteAddress =
        remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    return Optional.of(
        new HttpRequest(
            exchange.getRequestMethod().toUpperCase(Locale.ROOT),
            uri.getPath(),
            uri.getRawQuery(),
            headers,
            body,
            remoteAddress));
  }

  void writeReply(HttpExchange exchange, HttpReply reply) throws IOException {
    var out = exchange.getResponseHeaders();
    reply.headers().forEach(out::set);
    if (reply.contentType() != null) {
      out.set("Content-Type", reply.contentType());
    }
    out.set("X-Content-Type-Options", "nosniff");
    byte[] body = reply.body();
    boolean bodyless = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(reply.status(), bodyless ? -1 : body.length);
    if (!bodyless) {
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(body);
      }
    }
  }

  private static long declaredLength(Map<String, List<String>> headers) {
    List<String> values = headers.get("content-length");
    if (values == null || values.isEmpty()) {
      return -1;
    }
    try {
      return Long.parseLong(values.get(0).trim());
    } catch (NumberFormatException e) {
      return -1; // the server itself rejects a malformed length before we get here
    }
  }
}
