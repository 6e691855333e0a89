package io.gitlabopsbot.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Webhook bodies sent by a real Alertmanager 0.25, from {@code fixtures/alertmanager/}. */
final class AlertmanagerFixtures {

  static final String FIRING = "firing-v4.json";
  static final String RESOLVED = "resolved-v4.json";

  private AlertmanagerFixtures() {}

  static String text(String name) {
    String path = "/fixtures/alertmanager/" + name;
    try (InputStream in = AlertmanagerFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String name) {
    return text(name).getBytes(StandardCharsets.UTF_8);
  }

  /** The firing fixture with its startsAt replaced, as when the same alert fires again later. */
  static byte[] refired(String startsAt) {
    return text(FIRING)
        .replace("2026-11-25T16:26:14.957732719Z", startsAt)
        .getBytes(StandardCharsets.UTF_8);
  }
}
