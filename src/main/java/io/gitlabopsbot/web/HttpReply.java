package io.gitlabopsbot.web;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a route answers.
 *
 * @param contentType value of the Content-Type header, or null for an empty body
 * @param headers extra response headers (one value each)
 */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {

  public HttpReply {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }

  /** A UTF-8 plain-text reply. */
  public static HttpReply text(int status, String text) {
    return new HttpReply(
        status, "text/plain; charset=utf-8", Map.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** A UTF-8 JSON reply; {@code json} must already be serialised. */
  public static HttpReply json(int status, String json) {
    return new HttpReply(
        status, "application/json; charset=utf-8", Map.of(), json.getBytes(StandardCharsets.UTF_8));
  }

  /** A reply without a body. */
  public static HttpReply empty(int status) {
    return new HttpReply(status, null, Map.of(), new byte[0]);
  }

  /** A copy of this reply with one more header. */
  public HttpReply withHeader(String name, String value) {
    var merged = new HashMap<>(headers);
    merged.put(name, value);
    return new HttpReply(status, contentType, merged, body);
  }
}
