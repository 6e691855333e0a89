package io.gitlabopsbot.access;

import java.util.Set;

/** Looks up the members of Slack user groups, so roles can be granted to a group. */
public interface UserGroupDirectory {

  /**
   * The user IDs in the group, possibly cached for a few minutes.
   *
   * @throws UserGroupLookupException when the members cannot be read now; callers deny access
   *     granted only through the group rather than guess
   */
  Set<String> members(String userGroupId);

  /** Thrown when group membership cannot be determined. */
  final class UserGroupLookupException extends RuntimeException {
    public UserGroupLookupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
