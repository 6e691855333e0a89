package io.gitlabopsbot.config;

import java.util.List;
import java.util.Map;

/**
 * Who may use the bot, by immutable Slack IDs.
 *
 * @param teamId the only Slack workspace accepted (T…); null accepts any (console mode only)
 * @param allowedChannels channel IDs where commands are accepted; empty allows every channel
 * @param roles role to its members
 * @param cliRoles roles of the local operator using the CLI (who already has shell access)
 */
public record AccessSettings(
    String teamId,
    List<String> allowedChannels,
    Map<Role, RoleMembers> roles,
    List<Role> cliRoles) {

  public AccessSettings {
    allowedChannels = List.copyOf(allowedChannels);
    roles = Map.copyOf(roles);
    cliRoles = List.copyOf(cliRoles);
  }

  /** Members of a role: user IDs (U…/W…) and user-group IDs (S…). */
  public record RoleMembers(List<String> users, List<String> userGroups) {
    public RoleMembers {
      users = List.copyOf(users);
      userGroups = List.copyOf(userGroups);
    }
  }
}
