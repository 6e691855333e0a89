package io.gitlabopsbot.logging;

import io.gitlabopsbot.access.Redactor;
import java.util.List;

/**
 * The redactor used by the log layout. Logback creates its converters itself, so the secrets known
 * at start are handed over through this one holder, set once by the composition root.
 */
public final class LogRedaction {

  private static volatile Redactor redactor = new Redactor(List.of());

  private LogRedaction() {}

  public static void install(Redactor value) {
    redactor = value;
  }

  static String redact(String text) {
    return redactor.redact(text);
  }
}
