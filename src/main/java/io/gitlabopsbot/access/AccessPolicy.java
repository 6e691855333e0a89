package io.gitlabopsbot.access;

import io.gitlabopsbot.config.AccessSettings;
import io.gitlabopsbot.config.Role;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether a caller may run a command that needs a role. Slack callers are matched by
 * immutable IDs (team, channel, user, user group); CLI callers get the configured local roles,
 * because whoever runs the CLI already has the bot's credentials.
 */
public final class AccessPolicy {

  private final AccessSettings settings;
  private final UserGroupDirectory groups;

  public AccessPolicy(AccessSettings settings, UserGroupDirectory groups) {
    this.settings = settings;
    this.groups = groups;
  }

  public Decision check(Caller caller, Role required) {
    if (caller.fromCli()) {
      return settings.cliRoles().stream().anyMatch(role -> role.satisfies(required))
          ? new Decision.Allowed(required)
          : new Decision.Denied(
              "The local CLI operator does not have the *"
                  + required.key()
                  + "* role; add it to `access.cliRoles` in the config.");
    }
    if (settings.teamId() != null && !settings.teamId().equals(caller.teamId())) {
      return new Decision.Denied("This bot does not accept commands from this Slack workspace.");
    }
    if (!settings.allowedChannels().isEmpty()
        && !settings.allowedChannels().contains(caller.channelId())) {
      String allowed =
          settings.allowedChannels().stream()
              .map(id -> "<#" + id + ">")
              .collect(Collectors.joining(", "));
      return new Decision.Denied("Commands are not accepted in this channel; use " + allowed + ".");
    }
    Resolution resolution = rolesOf(caller.userId());
    for (Role held : resolution.roles()) {
      if (held.satisfies(required)) {
        return new Decision.Allowed(held);
      }
    }
    String reason =
        "You need the *"
            + required.key()
            + "* role for this command. Ask a bot admin to add your Slack member ID `"
            + caller.userId()
            + "` to `access.roles."
            + required.key()
            + ".users` (or to one of its user groups).";
    if (resolution.groupLookupFailed()) {
      reason += " (Slack user group membership could not be checked just now; try again later.)";
    }
    return new Decision.Denied(reason);
  }

  /** The roles a Slack user holds, directly or through a user group. */
  public Set<Role> rolesOf(Caller caller) {
    return caller.fromCli() ? Set.copyOf(settings.cliRoles()) : rolesOf(caller.userId()).roles();
  }

  private Resolution rolesOf(String userId) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    boolean lookupFailed = false;
    for (Map.Entry<Role, AccessSettings.RoleMembers> entry : settings.roles().entrySet()) {
      AccessSettings.RoleMembers members = entry.getValue();
      if (members.users().contains(userId)) {
        roles.add(entry.getKey());
        continue;
      }
      for (String group : members.userGroups()) {
        try {
          if (groups.members(group).contains(userId)) {
            roles.add(entry.getKey());
            break;
          }
        } catch (UserGroupDirectory.UserGroupLookupException e) {
          // Deny rather than guess: a role granted only through this group is not assumed.
          lookupFailed = true;
        }
      }
    }
    return new Resolution(roles, lookupFailed);
  }

  private record Resolution(Set<Role> roles, boolean groupLookupFailed) {}
}
