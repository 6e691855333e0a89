package io.gitlabopsbot.access;

import io.gitlabopsbot.config.Role;

/** The outcome of an access check. */
public sealed interface Decision {

  record Allowed(Role grantedBy) implements Decision {}

  /**
   * @param reason a sentence for the user that says what is missing, never who else has access
   */
  record Denied(String reason) implements Decision {}

  default boolean allowed() {
    return this instanceof Allowed;
  }

  /** The value stored in the audit log. */
  default String auditValue() {
    return allowed() ? "allowed" : "denied";
  }
}
