package io.gitlabopsbot.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An inbound HTTP request as routes see it, free of the server's own types.
 *
 * @param path decoded request path, without the query
 * @param query raw (still percent-encoded) query string, or null when there is none
 * @param headers header values keyed by lower-case header name
 * @param body the raw request body, never more than {@link HttpFront#MAX_BODY_BYTES}
 * @param remoteAddress the peer's IP address (a proxy's, when behind one)
 */
public record HttpRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    String remoteAddress) {

  public HttpRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** The first value of header {@code name} (any case), or null when it is absent. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
