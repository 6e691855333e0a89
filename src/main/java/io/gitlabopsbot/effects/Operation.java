package io.gitlabopsbot.effects;

import java.util.Objects;

/**
 * A side effect described exactly enough that a human could perform it by hand, e.g. {@code
 * kubernetes: create Job gitlab/backup-20260101 (image …, command backup-utility --skip registry)}.
 *
 * @param system {@code kubernetes}, {@code ssh}, {@code s3}, …
 * @param action the verb and object, e.g. {@code create Job gitlab/backup-1}
 * @param details the exact parameters that matter, or empty
 */
public record Operation(String system, String action, String details) {

  public Operation {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(action, "action");
    details = details == null ? "" : details;
  }

  public String describe() {
    return system + ": " + action + (details.isEmpty() ? "" : " (" + details + ")");
  }
}
