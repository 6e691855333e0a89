package io.gitlabopsbot.config;

import java.util.Objects;

/**
 * A secret value read from the environment. Its {@code toString} never reveals the value, so a
 * secret that ends up in a log line, an exception or a record's printout stays hidden.
 */
public record Secret(String value) {

  public Secret {
    Objects.requireNonNull(value, "value");
  }

  public boolean isBlank() {
    return value.isBlank();
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
