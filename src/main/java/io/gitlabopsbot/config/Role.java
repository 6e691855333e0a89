package io.gitlabopsbot.config;

import java.util.Locale;

/**
 * What a Slack user may do. Roles are granted in config; every command declares the one it needs.
 */
public enum Role {
  /** Read-only commands: help, status, lists. */
  VIEWER,
  /** Commands that change GitLab or start work: backups, restores, migrations. */
  OPERATOR,
  /** May approve or reject another person's request for a destructive operation. */
  APPROVER;

  /** The lower-case name used in config and messages. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether holding this role satisfies a command that requires {@code required}. */
  public boolean satisfies(Role required) {
    // Operators and approvers can also read; an approver is not automatically an operator.
    return this == required || required == VIEWER;
  }

  public static Role fromKey(String key) {
    for (Role role : values()) {
      if (role.key().equals(key)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + key + "' (expected viewer, operator or approver)");
  }
}
